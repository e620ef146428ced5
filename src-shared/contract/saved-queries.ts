/** The two languages the consoles speak: the ADT query dialect over the graph, DuckDB SQL over the history. */
export type QueryLanguage = 'adt' | 'sql';

/** A query kept under a name in the workspace, to run again later. */
export interface SavedQuery {
  /** 1 to 100 characters; unique per language. */
  readonly name: string;
  readonly language: QueryLanguage;
  readonly text: string;
  /** ADT queries only: run in strict (ADT-only) mode. */
  readonly strict?: boolean;
  /** ISO 8601 time it was last saved. */
  readonly savedAt: string;
}

/** One run of a console, newest first in the history. */
export interface QueryHistoryEntry {
  readonly language: QueryLanguage;
  readonly text: string;
  readonly strict?: boolean;
  /** ISO 8601 time of the run. */
  readonly ranAt: string;
  /** Rows the run returned (the first page for ADT queries), when it worked. */
  readonly rows?: number;
  /** The error's message, when it failed. */
  readonly error?: string;
}

/** Runs the history keeps per language; older ones drop off. */
export const queryHistoryLimit = 100;

export interface SavedQueriesService {
  /** Saved queries of one language (or all), ordered by name. */
  list(language?: QueryLanguage): Promise<SavedQuery[]>;
  /** Saves a query under its name, replacing one of the same name and language. */
  save(query: Omit<SavedQuery, 'savedAt'>): Promise<SavedQuery>;
  /** Forgets a saved query; NotFound when there is none of that name. */
  delete(language: QueryLanguage, name: string): Promise<void>;
  /** The runs of one language, newest first. */
  history(language: QueryLanguage): Promise<QueryHistoryEntry[]>;
  /** Records a run; a run of the same text moves to the top instead of repeating. */
  record(entry: Omit<QueryHistoryEntry, 'ranAt'>): Promise<QueryHistoryEntry>;
  /** Empties one language's history. */
  clearHistory(language: QueryLanguage): Promise<void>;
}
