import { getContext, setContext } from 'svelte';

/** Panels whose width the user drags, with their limits in CSS pixels. */
export const panelLimits = {
  nav: { min: 140, max: 360, initial: 200 },
  inspector: { min: 260, max: 760, initial: 340 },
} as const;

export type PanelName = keyof typeof panelLimits;

const storageKey = 'twinbench.layout';
const contextKey = Symbol('layout');

const clamp = (name: PanelName, width: number) => Math.round(Math.min(panelLimits[name].max, Math.max(panelLimits[name].min, width)));

/** Widths of the resizable panels, a preference of this browser remembered across visits. */
export class LayoutState {
  widths = $state<Record<PanelName, number>>({ nav: panelLimits.nav.initial, inspector: panelLimits.inspector.initial });

  constructor() {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Partial<Record<PanelName, unknown>>;
      for (const name of Object.keys(panelLimits) as PanelName[]) {
        const width = stored[name];
        if (typeof width === 'number' && Number.isFinite(width)) this.widths[name] = clamp(name, width);
      }
    } catch {
      // A damaged preference falls back to the defaults.
    }
  }

  /** Sets a panel's width (kept within its limits) and remembers it. */
  resize(name: PanelName, width: number): void {
    this.widths[name] = clamp(name, width);
    localStorage.setItem(storageKey, JSON.stringify(this.widths));
  }

  reset(name: PanelName): void {
    this.resize(name, panelLimits[name].initial);
  }
}

/** Makes the layout available to the panels below (called once, by the app). */
export function provideLayout(layout: LayoutState): LayoutState {
  return setContext(contextKey, layout);
}

/** The layout the app provided; a default one outside the app (component tests). */
export function useLayout(): LayoutState {
  return getContext<LayoutState | undefined>(contextKey) ?? new LayoutState();
}
