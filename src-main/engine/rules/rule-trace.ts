import { open, readFile, rename } from 'node:fs/promises';
import type { TraceEntry } from '../../../src-shared/contract';

/** Entries kept per twin property. */
const perProperty = 16;
/**
 * Entries kept in all (some 70 MB of memory, 45 MB on disk); past an eighth more, the twins
 * written least recently are forgotten until the trace is back at this size.
 */
const maxTraceEntries = 200_000;
/** How long writes may stay unsaved, in milliseconds, while saving is cheap. */
const saveDelayMs = 2000;
/** A large trace waits this many times as long as its last save took, so saving stays a small share of the time. */
const saveCostFactor = 50;
/** Twins serialized between yields to the event loop while saving, so a big trace never stalls a live stream. */
const twinsPerSlice = 500;

/** Which rule wrote which property, when and why: the newest writes of each twin property, in memory. */
export class RuleTrace {
  /** Each twin's properties and their entries, newest first; the twins in order of their last write. */
  private readonly twins = new Map<string, Map<string, TraceEntry[]>>();
  private entries = 0;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private lastSaveMs = 0;

  /** Kept in `file` (when given) so that another process on the workspace, such as the CLI, can read it. */
  constructor(
    private readonly file?: string,
    private readonly maxEntries = maxTraceEntries,
  ) {}

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
    this.saving = this.saving.then(() => this.save(file)).catch((error: unknown) => console.error('Could not save the rule trace:', error));
    await this.saving;
  }

  /**
   * Writes the trace to `file` through a temporary file, a slice of twins at a time with a yield
   * between slices; each twin's entries are taken as they are when its slice is written.
   */
  private async save(file: string): Promise<void> {
    const started = performance.now();
    const handle = await open(`${file}.tmp`, 'w');
    try {
      const ids = [...this.twins.keys()];
      let separator = '[';
      for (let start = 0; start < ids.length; start += twinsPerSlice) {
        if (start > 0) await new Promise((resolve) => setImmediate(resolve));
        const entries: TraceEntry[] = [];
        for (const id of ids.slice(start, start + twinsPerSlice)) for (const list of this.twins.get(id)?.values() ?? []) entries.push(...list);
        if (entries.length === 0) continue;
        await handle.write(separator + JSON.stringify(entries).slice(1, -1));
        separator = ',';
      }
      await handle.write(separator === '[' ? '[]' : ']');
    } finally {
      await handle.close();
    }
    await rename(`${file}.tmp`, file);
    this.lastSaveMs = performance.now() - started;
  }

  /** Records one rule write. */
  record(entry: TraceEntry, save = true): void {
    if (save && this.file && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), Math.max(saveDelayMs, saveCostFactor * this.lastSaveMs));
      this.timer.unref();
    }
    let properties = this.twins.get(entry.twinId);
    if (properties) this.twins.delete(entry.twinId);
    else properties = new Map();
    this.twins.set(entry.twinId, properties);
    const entries = properties.get(entry.property) ?? [];
    entries.unshift(entry);
    if (entries.length > perProperty) entries.length = perProperty;
    else this.entries++;
    properties.set(entry.property, entries);
    if (this.entries > this.maxEntries + (this.maxEntries >> 3)) this.evict();
  }

  /** Forgets the least recently written twins, in one pass, until the trace holds `maxEntries` or fewer. */
  private evict(): void {
    for (const id of this.twins.keys()) {
      if (this.entries <= this.maxEntries) return;
      this.forget(id);
    }
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
    const properties = this.twins.get(twinId);
    if (!properties) return;
    this.twins.delete(twinId);
    for (const entries of properties.values()) this.entries -= entries.length;
  }
}
