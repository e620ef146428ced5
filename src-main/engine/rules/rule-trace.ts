import { readFile, rename, writeFile } from 'node:fs/promises';
import type { TraceEntry } from '../../../src-shared/contract';

/** Entries kept per twin property. */
const perProperty = 16;
/** Twins remembered; the least recently written are forgotten first. */
const maxTwins = 50_000;
/** How long writes may stay unsaved, in milliseconds. */
const saveDelayMs = 2000;

/** Which rule wrote which property, when and why: the newest writes of each twin property, in memory. */
export class RuleTrace {
  private readonly twins = new Map<string, Map<string, TraceEntry[]>>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  /** Kept in `file` (when given) so that another process on the workspace, such as the CLI, can read it. */
  constructor(private readonly file?: string) {}

  /** Reads the saved trace, if any; a missing or unreadable file is an empty trace. */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as TraceEntry[];
      if (Array.isArray(saved)) for (const entry of saved.reverse()) this.record(entry, false);
    } catch {
      // No trace yet, or a damaged one: the trace is a diagnostic aid, so start afresh.
    }
  }

  /** Writes pending entries now (on close). */
  async flush(): Promise<void> {
    const pending = this.timer !== undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Nothing recorded since the last save: the file (or its absence) is already right.
    if (!this.file || !pending) return;
    const file = this.file;
    const entries = [...this.twins.values()].flatMap((properties) => [...properties.values()].flat());
    this.saving = this.saving.then(async () => {
      await writeFile(`${file}.tmp`, JSON.stringify(entries));
      await rename(`${file}.tmp`, file);
    }).catch((error: unknown) => console.error('Could not save the rule trace:', error));
    await this.saving;
  }

  /** Records one rule write. */
  record(entry: TraceEntry, save = true): void {
    if (save && this.file && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), saveDelayMs);
      this.timer.unref();
    }
    let properties = this.twins.get(entry.twinId);
    if (properties) this.twins.delete(entry.twinId);
    else properties = new Map();
    this.twins.set(entry.twinId, properties);
    if (this.twins.size > maxTwins) this.twins.delete(this.twins.keys().next().value!);
    const entries = properties.get(entry.property) ?? [];
    entries.unshift(entry);
    if (entries.length > perProperty) entries.length = perProperty;
    properties.set(entry.property, entries);
  }

  /** Writes to a twin (one property when given), newest first. */
  of(twinId: string, property?: string): TraceEntry[] {
    const properties = this.twins.get(twinId);
    if (!properties) return [];
    const entries = property === undefined ? [...properties.values()].flat() : [...(properties.get(property) ?? [])];
    return entries.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  }

  /** Forgets a twin's entries (it was deleted). */
  forget(twinId: string): void {
    this.twins.delete(twinId);
  }
}
