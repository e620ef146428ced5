// The twin graph on a canvas: graphology holds the graph, sigma draws it with WebGL, and
// ForceAtlas2 lays it out in a web worker so the page stays responsive. No Svelte in here.
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma, { DEFAULT_STYLES } from 'sigma';

export interface GraphNode {
  readonly id: string;
  readonly model: string;
  readonly label: string;
}

export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly name: string;
}

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

/** A sigma view of twins and relationships, with selection and search. */
export class GraphView {
  private readonly graph = new Graph({ multi: true, type: 'directed' });
  private readonly renderer: Sigma;
  private layout: FA2Layout | null = null;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private selected: string | null = null;
  /** Redraws at the new size when the container changes (a panel resized, the window too). */
  private readonly resizes: ResizeObserver;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (id: string | null) => void,
  ) {
    this.renderer = new Sigma(this.graph, container, {
      settings: { renderEdgeLabels: false, labelRenderedSizeThreshold: 8, hideEdgesOnMove: true },
      // Styles replace sigma's defaults per kind, so the node defaults are kept and one colour changed.
      styles: { nodes: { ...DEFAULT_STYLES.nodes, labelColor: '#dbe3ec' }, edges: DEFAULT_STYLES.edges },
    });
    this.renderer.on('clickNode', ({ node }) => this.select(node));
    this.renderer.on('clickStage', () => this.select(null));
    this.resizes = new ResizeObserver(() => this.renderer.resize().refresh());
    this.resizes.observe(container);
  }

  /** Replaces the graph and starts a fresh layout. */
  setData(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): void {
    this.stopLayout();
    this.graph.clear();
    const count = Math.max(1, nodes.length);
    nodes.forEach((node, i) => {
      // A golden-angle spiral gives the layout a spread-out start instead of a single point.
      const angle = i * 2.399963;
      const radius = Math.sqrt(i / count) * 100;
      const colour = modelColour(node.model);
      this.graph.addNode(node.id, { label: node.label, x: radius * Math.cos(angle), y: radius * Math.sin(angle), size: 4, color: colour, baseColor: colour });
    });
    for (const edge of edges) {
      if (this.graph.hasNode(edge.source) && this.graph.hasNode(edge.target)) this.graph.addDirectedEdge(edge.source, edge.target, { label: edge.name, size: 1, color: '#3a4656' });
    }
    this.graph.forEachNode((node) => {
      const size = 2 + Math.min(6, Math.sqrt(this.graph.degree(node)));
      this.graph.mergeNodeAttributes(node, { size, baseSize: size });
    });
    this.startLayout();
  }

  /** Highlights one twin (or none) and tells the owner. */
  select(id: string | null): void {
    // The selection is drawn through the node's own attributes: brighter and larger.
    if (this.selected && this.graph.hasNode(this.selected)) {
      this.graph.mergeNodeAttributes(this.selected, { color: this.graph.getNodeAttribute(this.selected, 'baseColor'), size: this.graph.getNodeAttribute(this.selected, 'baseSize') });
    }
    this.selected = id && this.graph.hasNode(id) ? id : null;
    if (this.selected) this.graph.mergeNodeAttributes(this.selected, { color: '#ffffff', size: (this.graph.getNodeAttribute(this.selected, 'baseSize') as number) * 1.8 });
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

  get nodeCount(): number {
    return this.graph.order;
  }

  get edgeCount(): number {
    return this.graph.size;
  }

  private startLayout(): void {
    if (this.graph.order === 0) return;
    this.layout = new FA2Layout(this.graph, { settings: { gravity: 1, scalingRatio: 10, barnesHutOptimize: this.graph.order > 2000, slowDown: 2 } });
    this.layout.start();
    this.layoutTimer = setTimeout(() => this.stopLayout(), layoutMilliseconds);
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
    this.renderer.kill();
  }
}
