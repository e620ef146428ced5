// The model graph on a canvas with cytoscape: interfaces as nodes; extends, relationship and
// component links as edges, each drawn its own way. No Svelte in here.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { canvasPalette, onThemeChange, type CanvasPalette } from '../../ui/canvas-palette';
import { modelColour } from '../graph/graph-view';
import type { ModelGraph } from './model-structure';

/** Above this many models the force layout gives way to a grid in DTMI order (namespaces side by side), with faint straight links. */
const forceLayoutLimit = 250;
/** The closest a fitted graph is shown. */
const maxFitZoom = 1.4;

/** How models and links are drawn, in the colours of the theme shown. */
const styleFor = (palette: CanvasPalette): cytoscape.StylesheetJson => [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: palette.label,
      'font-size': 11,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'min-zoomed-font-size': 7,
      width: 18,
      height: 18,
    },
  },
  { selector: 'node.focus', style: { 'border-width': 3, 'border-color': palette.selected, width: 26, height: 26 } },
  { selector: 'node.decommissioned', style: { opacity: 0.5 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'line-color': '#4fb3ff',
      'target-arrow-color': '#4fb3ff',
      label: 'data(label)',
      'font-size': 9,
      color: palette.secondaryLabel,
      'text-rotation': 'autorotate',
      'min-zoomed-font-size': 8,
    },
  },
  { selector: 'edge.extends', style: { 'line-color': palette.secondaryLabel, 'target-arrow-color': palette.secondaryLabel, 'target-arrow-shape': 'triangle-backcurve', 'line-style': 'dashed', label: '' } },
  { selector: 'edge.component', style: { 'line-color': '#e0b341', 'target-arrow-color': '#e0b341', 'target-arrow-shape': 'diamond', 'line-style': 'dotted' } },
  // Thousands of links: straight, faint and cheap to draw, so the models stay readable under them.
  { selector: 'edge.faint', style: { 'curve-style': 'haystack', opacity: 0.25, width: 1, label: '', 'target-arrow-shape': 'none' } },
];

/** Room per model in the grid of a large set, so labels do not overlap once zoomed in far enough to read them. */
const gridCell = { width: 120, height: 48 };

/** Models in DTMI order (namespaces side by side), in a grid about twice as wide as high. */
function gridLayout(count: number): cytoscape.LayoutOptions {
  const cols = Math.ceil(Math.sqrt(count * 2));
  const rows = Math.ceil(count / cols);
  return { name: 'grid', cols, boundingBox: { x1: 0, y1: 0, w: cols * gridCell.width, h: rows * gridCell.height }, sort: (a, b) => (a.id() < b.id() ? -1 : 1), animate: false };
}

/** A cytoscape view of models; a click on a model tells the owner. */
export class ModelGraphView {
  private readonly cy: Core;
  private readonly resizes: ResizeObserver;
  private readonly stopThemeWatch: () => void;

  constructor(container: HTMLElement, onSelect: (id: string) => void) {
    this.cy = cytoscape({ container, style: styleFor(canvasPalette()), minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3 });
    this.cy.on('tap', 'node', (event) => onSelect(event.target.id() as string));
    this.resizes = new ResizeObserver(() => this.cy.resize());
    this.resizes.observe(container);
    this.stopThemeWatch = onThemeChange(() => this.cy.style(styleFor(canvasPalette())));
  }

  /**
   * Replaces the graph and lays it out: rings around the focus, a force layout for a small set,
   * rings by degree for a large one. The selected model is ringed in the theme's strongest colour.
   */
  setData(graph: ModelGraph, focus: string | undefined, selected: string | undefined): void {
    const large = graph.nodes.length > forceLayoutLimit;
    const elements: ElementDefinition[] = [
      ...graph.nodes.map((node) => ({
        group: 'nodes' as const,
        data: { id: node.id, label: node.label, colour: modelColour(node.id), distance: node.distance },
        classes: [node.id === selected ? 'focus' : '', node.decommissioned ? 'decommissioned' : ''].filter(Boolean),
      })),
      ...graph.edges.map((edge) => ({ group: 'edges' as const, data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label }, classes: large ? [edge.kind, 'faint'] : [edge.kind] })),
    ];
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    const deepest = Math.max(0, ...graph.nodes.map((node) => node.distance));
    const layout: cytoscape.LayoutOptions =
      focus !== undefined && graph.nodes.some((node) => node.id === focus)
        ? { name: 'concentric', concentric: (node) => deepest - (node.data('distance') as number), levelWidth: () => 1, minNodeSpacing: 30, nodeDimensionsIncludeLabels: true, animate: false }
        : large
          ? gridLayout(graph.nodes.length)
          : { name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 400_000, idealEdgeLength: () => 80, nodeOverlap: 20 };
    this.cy.layout(layout).run();
    this.cy.fit(undefined, 30);
    // A few models would otherwise fill the canvas with huge nodes and text.
    if (this.cy.zoom() > maxFitZoom) {
      this.cy.zoom(maxFitZoom);
      this.cy.center();
    }
  }

  get nodeCount(): number {
    return this.cy.nodes().length;
  }

  /** Releases the canvas. */
  dispose(): void {
    this.resizes.disconnect();
    this.stopThemeWatch();
    this.cy.destroy();
  }
}
