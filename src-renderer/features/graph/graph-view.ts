// The twin graph on a canvas: graphology holds the graph, sigma draws it with WebGL, and
// ForceAtlas2 lays it out in a web worker so the page stays responsive. No Svelte in here.
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { canvasPalette, onThemeChange, type CanvasPalette } from '../../ui/canvas-palette';
import type { GraphEdge, GraphNode } from './graph-rows';


/** A stable, readable colour (#rrggbb) for each model, so the same model always looks the same. */
export function modelColour(model: string): string {
  let hash = 2166136261;
  for (let i = 0; i < model.length; i++) hash = Math.imul(hash ^ model.charCodeAt(i), 16777619);
  const hue = (hash >>> 0) % 360;
  const saturation = 0.62;
  const lightness = 0.58;
  // HSL to RGB (CSS Color 4's algorithm): WebGL wants numeric colours, not hsl().
  const amount = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - amount * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const layoutMilliseconds = 4_000;
/** Past this many marked twins, their labels follow sigma's usual density instead of all showing. */
const maxForcedLabels = 200;

type Position = { readonly x: number; readonly y: number; readonly fixed?: boolean };

/** A sigma view of twins and relationships: select, drag, hide models and mark twins. */
export class GraphView {
  private readonly graph = new Graph({ multi: true, type: 'directed' });
  private readonly renderer: Sigma;
  private layout: FA2Layout | null = null;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private layoutEnds = 0;
  private selected: string | null = null;
  private hiddenModels: ReadonlySet<string> = new Set();
  private marked: ReadonlySet<string> | null = null;
  /** Redraws at the new size when the container changes (a panel resized, the window too). */
  private readonly resizes: ResizeObserver;
  /** Label, edge, dimmed and selected colours of the theme shown; twins behind an overlay are dimmed for context. */
  private palette: CanvasPalette = canvasPalette();
  private readonly stopThemeWatch: () => void;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (id: string | null) => void,
  ) {
    this.renderer = new Sigma(this.graph, container, {
      settings: {
        renderEdgeLabels: false,
        // Sizes in pixels: a neighbourhood of five twins draws them as dots, not as discs filling the canvas.
        itemSizesReference: 'screen',
        labelRenderedSizeThreshold: 3,
        hideEdgesOnMove: true,
        enableNodeDrag: true,
        // A dropped twin stays where it was put: ForceAtlas2 leaves `fixed` nodes alone.
        dragPositionToAttributes: (position) => ({ x: position.x, y: position.y, fixed: true }),
      },
      // Styles replace sigma's defaults per kind, so the node defaults are kept and the label colours
      // follow the theme (text, and the backdrop behind the hovered twin's label).
      styles: { nodes: { ...DEFAULT_STYLES.nodes, labelColor: () => this.palette.label, backdropColor: () => this.palette.labelBackdrop }, edges: DEFAULT_STYLES.edges },
      nodeReducer: (node, data, attributes) => this.nodeLook(node, data.size, attributes.model as string),
      edgeReducer: (edge) => this.edgeLook(edge),
    });
    this.renderer.on('clickNode', ({ node }) => this.select(node));
    this.renderer.on('clickStage', () => this.select(null));
    // The layout worker owns the positions while it runs: pause it for a drag, resume after the drop.
    this.renderer.on('nodeDragStart', () => this.pauseLayout());
    this.renderer.on('nodeDragEnd', () => this.resumeLayout());
    this.resizes = new ResizeObserver(() => this.renderer.resize().refresh());
    this.resizes.observe(container);
    this.stopThemeWatch = onThemeChange(() => {
      this.palette = canvasPalette();
      this.renderer.refresh();
    });
  }

  /** Replaces the graph and starts a layout; twins drawn before keep their place, new ones start beside a neighbour. */
  setData(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): void {
    this.stopLayout();
    const before = new Map<string, Position>();
    this.graph.forEachNode((id, attributes) => before.set(id, { x: attributes.x as number, y: attributes.y as number, fixed: attributes.fixed === true }));
    this.graph.clear();
    const count = Math.max(1, nodes.length);
    nodes.forEach((node, i) => {
      // A golden-angle spiral gives the layout a spread-out start instead of a single point.
      const angle = i * 2.399963;
      const radius = Math.sqrt(i / count) * 100;
      const place = before.get(node.id) ?? { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      this.graph.addNode(node.id, { label: node.label, model: node.model, ...place, size: 4, color: modelColour(node.model) });
    });
    for (const edge of edges) {
      if (this.graph.hasNode(edge.source) && this.graph.hasNode(edge.target)) this.graph.addDirectedEdge(edge.source, edge.target, { label: edge.name, size: 1.5 });
    }
    this.graph.forEachNode((node) => {
      this.graph.setNodeAttribute(node, 'size', 3 + Math.min(7, Math.sqrt(this.graph.degree(node))));
      if (before.size > 0 && !before.has(node)) this.placeBesideNeighbour(node, before);
    });
    if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
    this.startLayout(layoutMilliseconds);
  }

  /** Hides the twins of these models (and their relationships). */
  setHiddenModels(models: ReadonlySet<string>): void {
    this.hiddenModels = models;
    this.renderer.refresh();
  }

  /** Marks these twins and dims the others; null marks none. */
  setMarked(ids: ReadonlySet<string> | null): void {
    this.marked = ids;
    this.renderer.refresh();
  }

  /** Highlights one twin (or none) and tells the owner. */
  select(id: string | null): void {
    const previous = this.selected;
    this.selected = id && this.graph.hasNode(id) ? id : null;
    // Only the two twins whose look changed are processed again, not all 50,000.
    const changed = [previous, this.selected].filter((node): node is string => node !== null && this.graph.hasNode(node));
    if (changed.length > 0) this.renderer.refresh({ partialGraph: { nodes: changed } });
    this.onSelect(this.selected);
  }

  /** Selects a twin and moves the camera to it. */
  focus(id: string): boolean {
    if (!this.graph.hasNode(id)) return false;
    this.select(id);
    const position = this.renderer.getNodeDisplayData(id);
    if (position) void this.renderer.getCamera().animate({ x: position.x, y: position.y }, { duration: 400 });
    return true;
  }

  /** Where a twin is drawn, in pixels from the canvas's top left corner, or null when it is not drawn (absent or hidden). */
  screenPosition(id: string): { x: number; y: number } | null {
    const data = this.graph.hasNode(id) ? this.renderer.getNodeDisplayData(id) : undefined;
    return data && data.visibility !== 'hidden' ? this.renderer.framedGraphToViewport(data) : null;
  }

  /** The colour a twin is drawn in now (`#rrggbb`), or null when it is not drawn. */
  colourOf(id: string): string | null {
    const data = this.graph.hasNode(id) ? this.renderer.getNodeDisplayData(id) : undefined;
    return data && data.visibility !== 'hidden' ? data.color : null;
  }

  /** Where a twin is in graph coordinates, and whether a drag pinned it there. */
  position(id: string): Position | null {
    if (!this.graph.hasNode(id)) return null;
    const attributes = this.graph.getNodeAttributes(id);
    return { x: attributes.x as number, y: attributes.y as number, fixed: attributes.fixed === true };
  }

  get nodeCount(): number {
    return this.graph.order;
  }

  get edgeCount(): number {
    return this.graph.size;
  }

  /** True while ForceAtlas2 moves the twins. */
  get layoutRunning(): boolean {
    return this.layout !== null;
  }

  private nodeLook(node: string, size: number, model: string): Partial<NodeDisplayData> {
    if (this.hiddenModels.has(model)) return { visibility: 'hidden' };
    if (node === this.selected) return { color: this.palette.selected, size: size * 1.8, zIndex: 2, labelVisibility: 'visible' };
    if (!this.marked) return {};
    if (!this.marked.has(node)) return { color: this.palette.dim, labelVisibility: 'hidden', zIndex: 0 };
    return { size: size * 1.5, zIndex: 1, ...(this.marked.size <= maxForcedLabels ? { labelVisibility: 'visible' as const } : {}) };
  }

  private edgeLook(edge: string): Partial<EdgeDisplayData> {
    const [source, target] = this.graph.extremities(edge);
    if (this.hiddenModels.size > 0 && (this.hiddenModels.has(this.graph.getNodeAttribute(source, 'model') as string) || this.hiddenModels.has(this.graph.getNodeAttribute(target, 'model') as string))) {
      return { visibility: 'hidden' };
    }
    if (this.marked && !(this.marked.has(source) && this.marked.has(target))) return { color: this.palette.dimEdge };
    return { color: this.palette.edge };
  }

  /** Puts a twin new to the view a short way from a neighbour that was already drawn, so an expansion grows in place. */
  private placeBesideNeighbour(node: string, before: ReadonlyMap<string, Position>): void {
    const anchor = this.graph.neighbors(node).find((neighbour) => before.has(neighbour));
    if (!anchor) return;
    const { x, y } = before.get(anchor)!;
    const angle = Math.random() * Math.PI * 2;
    this.graph.mergeNodeAttributes(node, { x: x + 8 * Math.cos(angle), y: y + 8 * Math.sin(angle) });
  }

  private startLayout(milliseconds: number): void {
    if (this.graph.order === 0 || milliseconds <= 0) return;
    this.layout = new FA2Layout(this.graph, { settings: { gravity: 1, scalingRatio: 10, barnesHutOptimize: this.graph.order > 2000, slowDown: 2 } });
    this.layout.start();
    this.layoutEnds = performance.now() + milliseconds;
    this.layoutTimer = setTimeout(() => this.stopLayout(), milliseconds);
  }

  private pauseLayout(): void {
    const left = this.layout ? this.layoutEnds - performance.now() : 0;
    this.stopLayout();
    this.layoutEnds = left;
  }

  private resumeLayout(): void {
    // A fresh worker reads the dropped position and its `fixed` flag from the graph.
    if (this.layoutEnds > 0) this.startLayout(this.layoutEnds);
    this.layoutEnds = 0;
  }

  private stopLayout(): void {
    if (this.layoutTimer) clearTimeout(this.layoutTimer);
    this.layoutTimer = null;
    this.layout?.kill();
    this.layout = null;
  }

  /** Stops the layout and releases the canvas. */
  dispose(): void {
    this.stopLayout();
    this.resizes.disconnect();
    this.stopThemeWatch();
    this.renderer.kill();
  }
}
