import { EngineError, ErrorCode, queryHistoryLimit, type QueryHistoryEntry, type QueryLanguage, type SavedQueriesService, type SavedQuery } from '../../../src-shared/contract';
import type { SerialQueue } from '../util/serial-queue';
import type { SettingsStore } from '../workspace/settings-store';

const languages: readonly QueryLanguage[] = ['adt', 'sql'];
const maxNameLength = 100;
/** Long enough for the extended dialect's largest query; keeps workspace.json from growing without bound. */
const maxTextLength = 100_000;

function checkLanguage(value: unknown): QueryLanguage {
  if (!languages.includes(value as QueryLanguage)) throw new EngineError(ErrorCode.InvalidArgument, `A query language is "adt" or "sql"; got ${JSON.stringify(value)}.`, { language: value });
  return value as QueryLanguage;
}

function checkText(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new EngineError(ErrorCode.InvalidArgument, 'A query needs its text.');
  if (value.length > maxTextLength) throw new EngineError(ErrorCode.InvalidArgument, `A query is at most ${maxTextLength.toLocaleString('en')} characters; this one has ${value.length.toLocaleString('en')}.`, { length: value.length });
  return value;
}

function checkName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > maxNameLength) throw new EngineError(ErrorCode.InvalidArgument, `A saved query's name has 1 to ${maxNameLength} characters.`, { name: value });
  return name;
}

function checkStrict(value: unknown, language: QueryLanguage): { strict?: boolean } {
  if (value === undefined || language === 'sql') return {};
  if (typeof value !== 'boolean') throw new EngineError(ErrorCode.InvalidArgument, '"strict" must be true or false.');
  return { strict: value };
}

/** Saved queries and the consoles' history, kept in workspace.json beside the other settings. */
export class LocalSavedQueriesService implements SavedQueriesService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly writes: SerialQueue,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(language?: QueryLanguage): Promise<SavedQuery[]> {
    if (language !== undefined) checkLanguage(language);
    return (this.settings.get().savedQueries ?? []).filter((query) => language === undefined || query.language === language).sort((a, b) => a.name.localeCompare(b.name));
  }

  async save(query: Omit<SavedQuery, 'savedAt'>): Promise<SavedQuery> {
    const fields = (query ?? {}) as Partial<Record<keyof SavedQuery, unknown>>;
    const language = checkLanguage(fields.language);
    const saved: SavedQuery = { name: checkName(fields.name), language, text: checkText(fields.text), ...checkStrict(fields.strict, language), savedAt: this.now().toISOString() };
    await this.writes.run(() =>
      this.settings.update((settings) => ({
        ...settings,
        savedQueries: [...(settings.savedQueries ?? []).filter((other) => other.language !== language || other.name !== saved.name), saved],
      })),
    );
    return saved;
  }

  async delete(language: QueryLanguage, name: string): Promise<void> {
    checkLanguage(language);
    await this.writes.run(() =>
      this.settings.update((settings) => {
        const kept = (settings.savedQueries ?? []).filter((query) => query.language !== language || query.name !== name);
        if (kept.length === (settings.savedQueries ?? []).length) throw new EngineError(ErrorCode.NotFound, `There is no saved ${language === 'adt' ? 'query' : 'SQL query'} named ${JSON.stringify(name)}.`, { language, name });
        return { ...settings, savedQueries: kept };
      }),
    );
  }

  async history(language: QueryLanguage): Promise<QueryHistoryEntry[]> {
    checkLanguage(language);
    return (this.settings.get().queryHistory ?? []).filter((entry) => entry.language === language);
  }

  async record(entry: Omit<QueryHistoryEntry, 'ranAt'>): Promise<QueryHistoryEntry> {
    const fields = (entry ?? {}) as Partial<Record<keyof QueryHistoryEntry, unknown>>;
    const language = checkLanguage(fields.language);
    if (fields.rows !== undefined && (!Number.isInteger(fields.rows) || (fields.rows as number) < 0)) throw new EngineError(ErrorCode.InvalidArgument, '"rows" must be a whole number of rows.');
    if (fields.error !== undefined && typeof fields.error !== 'string') throw new EngineError(ErrorCode.InvalidArgument, '"error" must be a message.');
    const recorded: QueryHistoryEntry = {
      language,
      text: checkText(fields.text),
      ...checkStrict(fields.strict, language),
      ranAt: this.now().toISOString(),
      ...(fields.rows !== undefined ? { rows: fields.rows as number } : {}),
      ...(fields.error !== undefined ? { error: (fields.error as string).slice(0, 2_000) } : {}),
    };
    await this.writes.run(() =>
      this.settings.update((settings) => {
        const history = (settings.queryHistory ?? []).filter((old) => old.language !== language || old.text !== recorded.text);
        const mine = [recorded, ...history.filter((old) => old.language === language)].slice(0, queryHistoryLimit);
        return { ...settings, queryHistory: [...mine, ...history.filter((old) => old.language !== language)] };
      }),
    );
    return recorded;
  }

  async clearHistory(language: QueryLanguage): Promise<void> {
    checkLanguage(language);
    await this.writes.run(() => this.settings.update((settings) => ({ ...settings, queryHistory: (settings.queryHistory ?? []).filter((entry) => entry.language !== language) })));
  }
}
