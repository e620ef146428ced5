// Colours of what the canvases draw (graph labels, edges, dimmed twins), taken from the theme's
// CSS variables, so the WebGL and canvas views follow the light and dark themes like the page.

/** The colours a graph canvas draws with. */
export interface CanvasPalette {
  readonly label: string;
  readonly labelBackdrop: string;
  readonly secondaryLabel: string;
  readonly edge: string;
  readonly dim: string;
  readonly dimEdge: string;
  readonly selected: string;
}

/** The palette of the theme shown now. */
export function canvasPalette(): CanvasPalette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    label: read('--text'),
    labelBackdrop: read('--surface-2'),
    secondaryLabel: read('--text-dim'),
    edge: read('--canvas-edge'),
    dim: read('--canvas-dim'),
    dimEdge: read('--canvas-dim-edge'),
    selected: read('--canvas-selected'),
  };
}

/** Calls `changed` each time the theme switches; the result stops it. */
export function onThemeChange(changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
