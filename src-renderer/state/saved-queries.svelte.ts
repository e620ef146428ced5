import type { EngineApi, QueryHistoryEntry, QueryLanguage, SavedQuery } from '../../src-shared/contract';
import { describeError } from './workspace.svelte';

/** One console's saved queries and history, as the workspace keeps them. */
export class SavedQueriesState {
  saved = $state.raw<SavedQuery[]>([]);
  history = $state.raw<QueryHistoryEntry[]>([]);
  problem = $state<string | null>(null);
  /** The save form: open or not, and the name being typed. */
  naming = $state(false);
  draftName = $state('');

  constructor(
    private readonly api: EngineApi,
    readonly language: QueryLanguage,
  ) {}

  /** Loads both lists from the workspace. */
  async load(): Promise<void> {
    await this.attempt(async () => {
      [this.saved, this.history] = await Promise.all([this.api.savedQueries.list(this.language), this.api.savedQueries.history(this.language)]);
    });
  }

  /** Saves `text` under `name`, replacing a query of the same name. */
  async save(name: string, text: string, strict?: boolean): Promise<boolean> {
    return this.attempt(async () => {
      await this.api.savedQueries.save({ name, language: this.language, text, ...(this.language === 'adt' ? { strict: strict === true } : {}) });
      this.saved = await this.api.savedQueries.list(this.language);
    });
  }

  async remove(name: string): Promise<void> {
    await this.attempt(async () => {
      await this.api.savedQueries.delete(this.language, name);
      this.saved = await this.api.savedQueries.list(this.language);
    });
  }

  /** Adds a run to the history; a failure to record never hides the run's own result. */
  async record(entry: { text: string; strict?: boolean; rows?: number; error?: string }): Promise<void> {
    await this.attempt(async () => {
      const recorded = await this.api.savedQueries.record({ language: this.language, ...entry });
      this.history = [recorded, ...this.history.filter((old) => old.text !== recorded.text)];
    });
  }

  async clearHistory(): Promise<void> {
    await this.attempt(async () => {
      await this.api.savedQueries.clearHistory(this.language);
      this.history = [];
    });
  }

  private async attempt(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      this.problem = null;
      return true;
    } catch (error) {
      this.problem = describeError(error);
      return false;
    }
  }
}
