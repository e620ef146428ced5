/** Light or dark: the look of the workbench, a preference of this browser rather than of the workspace. */
export type Theme = 'dark' | 'light';

const storageKey = 'twinbench.theme';

/** The colour theme, applied to the document and remembered across visits. */
export class ThemeState {
  current = $state<Theme>('dark');

  constructor() {
    const stored = localStorage.getItem(storageKey);
    const preferred: Theme = window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
    this.apply(stored === 'light' || stored === 'dark' ? stored : preferred);
  }

  toggle(): void {
    this.apply(this.current === 'dark' ? 'light' : 'dark');
    localStorage.setItem(storageKey, this.current);
  }

  private apply(theme: Theme): void {
    this.current = theme;
    document.documentElement.dataset.theme = theme;
  }
}
