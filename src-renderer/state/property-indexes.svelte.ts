import { ErrorCode, isEngineError, type EngineApi, type PropertyIndex } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** The workspace's property indexes, as the query console lists and edits them. */
export class PropertyIndexesState {
  items = $state.raw<PropertyIndex[]>([]);
  /** False when this user may not manage indexes (a shared workspace's non-admin). */
  available = $state(true);
  /** The property being typed into the add form. */
  draft = $state('');
  /** The property being indexed or dropped, while the engine works. */
  busy = $state<string | null>(null);
  /** What the last add or drop did, or why it failed. */
  message = $state<string | null>(null);
  problem = $state<string | null>(null);

  constructor(private readonly api: EngineApi) {}

  async load(): Promise<void> {
    try {
      this.items = [...(await this.api.query.indexes())];
      this.available = true;
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.Forbidden) this.available = false;
      else this.problem = describeError(error);
    }
  }

  /** Indexes the typed property; building it reads every twin once. */
  async add(): Promise<void> {
    const property = this.draft.trim();
    if (property === '' || this.busy) return;
    await this.attempt(property, async () => {
      const started = performance.now();
      const { created } = await this.api.query.addIndex(property);
      this.draft = '';
      this.message = created ? `Indexed ${property} in ${((performance.now() - started) / 1000).toFixed(1)} s.` : `${property} was already indexed.`;
    });
  }

  async remove(property: string): Promise<void> {
    await this.attempt(property, async () => {
      await this.api.query.removeIndex(property);
      this.message = `Dropped the index of ${property}.`;
    });
  }

  private async attempt(property: string, work: () => Promise<void>): Promise<void> {
    this.busy = property;
    this.problem = null;
    this.message = null;
    try {
      await work();
      this.items = [...(await this.api.query.indexes())];
    } catch (error) {
      this.problem = describeError(error);
    } finally {
      this.busy = null;
    }
  }
}
