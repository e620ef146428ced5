import { ErrorCode, isEngineError, type BasicRelationship, type ContentView, type DigitalTwin, type EngineApi, type IncomingRelationship, type JsonPatchOperation, type ModelDetail, type TelemetryReading, type TraceEntry } from '../../src-shared/contract';
import { formatValue, parseValue } from '../features/twin-inspector/property-value';
import { inversePatch } from '../features/twin-inspector/inverse-patch';
import type { UndoHistory } from './undo.svelte';
import { describeError } from './workspace.svelte';

/** Readings a sparkline keeps. */
const sparklinePoints = 300;

/** An edit the engine refused because the twin changed first: what the user wanted, and the twin as it now is. */
export interface EditConflict {
  readonly patch: readonly JsonPatchOperation[];
  readonly current: DigitalTwin;
}

/** The inspector: the selected twin, its model, its relationships, and edits to its properties. */
export class InspectorState {
  twin = $state.raw<DigitalTwin | null>(null);
  model = $state.raw<ModelDetail | null>(null);
  outgoing = $state.raw<BasicRelationship[]>([]);
  incoming = $state.raw<IncomingRelationship[]>([]);
  /** The rule writes to this twin's properties, newest first (the last 16 per property). */
  trace = $state.raw<TraceEntry[]>([]);
  loading = $state(false);
  problem = $state<string | null>(null);
  /** Text typed into each property's field, by property name, while editing. */
  drafts = $state<Record<string, string>>({});
  /** Why a field cannot be sent, by property name. */
  invalid = $state<Record<string, string>>({});
  saving = $state(false);
  conflict = $state.raw<EditConflict | null>(null);
  /** Recent numeric telemetry by name: times (seconds) and values, oldest first, for sparklines. */
  telemetry = $state.raw<Record<string, { times: number[]; values: number[] }>>({});
  /** When a live change last refreshed the twin (to flash the panel). */
  liveAt = $state<number | null>(null);
  private readonly models: Record<string, ModelDetail> = {};
  /** The ETag the edits started from: If-Match sends it, so a change in between is caught. */
  private editBase: string | null = null;

  constructor(
    private readonly api: EngineApi,
    private readonly history?: UndoHistory,
  ) {
    api.twins.onDidChange((events) => {
      const id = this.twin?.$dtId;
      if (id && events.some((event) => event.subject === id || event.subject.startsWith(`${id}/relationships/`) || (event.data as { $targetId?: string } | null)?.$targetId === id)) void this.refresh(true);
    });
    api.telemetry.onDidPublish((readings) => this.addReadings(readings));
  }

  /** Adds live readings of the selected twin to its sparklines, keeping the newest ones. */
  private addReadings(readings: readonly TelemetryReading[]): void {
    const id = this.twin?.$dtId;
    const mine = readings.filter((reading) => reading.twinId === id && reading.component === undefined && typeof reading.value === 'number');
    if (mine.length === 0) return;
    const next = { ...this.telemetry };
    for (const reading of mine) {
      const series = next[reading.name] ?? { times: [], values: [] };
      next[reading.name] = { times: [...series.times, Date.parse(reading.time) / 1000].slice(-sparklinePoints), values: [...series.values, reading.value as number].slice(-sparklinePoints) };
    }
    this.telemetry = next;
  }

  /** The model's properties and components, in declaration order. */
  get properties(): ContentView[] {
    return (this.model?.contents ?? []).filter((content) => content.kind === 'Property');
  }

  get components(): ContentView[] {
    return (this.model?.contents ?? []).filter((content) => content.kind === 'Component');
  }

  get editing(): boolean {
    return Object.keys(this.drafts).length > 0;
  }

  /** Shows one twin (null clears the inspector). */
  async select(id: string | null): Promise<void> {
    this.discard();
    this.conflict = null;
    if (id === null) {
      this.twin = null;
      return;
    }
    this.loading = true;
    this.telemetry = {};
    try {
      await this.load(id);
      void this.loadTelemetry(id);
    } finally {
      this.loading = false;
    }
  }

  /** Starts editing one property from its stored value. */
  edit(property: ContentView): void {
    this.editBase ??= this.twin?.$etag ?? null;
    this.drafts[property.name] = formatValue(property.schema, this.twin?.[property.name]);
    this.validate(property);
  }

  /** Re-checks a field against the model as the user types. */
  validate(property: ContentView): void {
    const parsed = parseValue(property.schema, this.drafts[property.name] ?? '');
    if (parsed.ok) delete this.invalid[property.name];
    else this.invalid[property.name] = `${property.name} expects ${parsed.expected}.`;
  }

  /** Drops every unsent edit. */
  discard(): void {
    this.drafts = {};
    this.invalid = {};
    this.editBase = null;
  }

  /** Sends the edits as one JSON Patch with If-Match; sends nothing while any field is invalid. */
  async save(): Promise<void> {
    const twin = this.twin;
    if (!twin || this.saving) return;
    for (const property of this.properties) if (property.name in this.drafts) this.validate(property);
    if (Object.keys(this.invalid).length > 0) return;
    const patch: JsonPatchOperation[] = this.properties
      .filter((property) => property.name in this.drafts)
      .map((property) => {
        const parsed = parseValue(property.schema, this.drafts[property.name]!);
        return { op: property.name in twin ? 'replace' : 'add', path: `/${property.name}`, value: parsed.ok ? parsed.value : undefined };
      });
    await this.send(patch, this.editBase ?? twin.$etag, twin);
  }

  /** Removes one property from the twin (with If-Match). */
  async remove(name: string): Promise<void> {
    if (this.twin) await this.send([{ op: 'remove', path: `/${name}` }], this.twin.$etag, this.twin);
  }

  /** After a conflict: applies the user's patch over the twin as it now is. */
  async overwrite(): Promise<void> {
    if (this.conflict) await this.send(this.conflict.patch, this.conflict.current.$etag, this.conflict.current);
  }

  /** After a conflict: keeps the other change and drops the user's edits. */
  async reload(): Promise<void> {
    this.conflict = null;
    this.discard();
    await this.refresh(false);
  }

  private async send(patch: readonly JsonPatchOperation[], ifMatch: string, before: DigitalTwin): Promise<void> {
    const id = this.twin!.$dtId;
    this.saving = true;
    this.problem = null;
    try {
      this.twin = await this.api.twins.update(id, patch, { ifMatch });
      this.conflict = null;
      this.discard();
      this.history?.record(this.undoable(id, patch, inversePatch(before, patch), this.twin.$etag));
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) this.conflict = { patch, current: await this.api.twins.get(id) };
      else this.problem = describeError(error);
    } finally {
      this.saving = false;
    }
  }

  /**
   * An edit of a twin's properties as the undo history keeps it: undo sends the inverse patch,
   * redo the patch again, each with If-Match on the ETag the previous step left, so a change
   * someone made in between is not overwritten.
   */
  private undoable(id: string, patch: readonly JsonPatchOperation[], inverse: readonly JsonPatchOperation[], etag: string) {
    const names = patch.map((operation) => operation.path.split('/')[1]).filter((name, index, all) => all.indexOf(name) === index).join(', ');
    let expected = etag;
    const apply = async (operations: readonly JsonPatchOperation[]) => {
      try {
        const twin = await this.api.twins.update(id, operations, { ifMatch: expected });
        expected = twin.$etag;
        if (this.twin?.$dtId === id) this.twin = twin;
      } catch (error) {
        if (isEngineError(error) && error.code === ErrorCode.PreconditionFailed) throw new Error(`twin ${id} changed since; select it again and edit it as it is now.`, { cause: error });
        throw error;
      }
    };
    return { label: `Edit ${names} of ${id}`, undo: () => apply(inverse), redo: () => apply(patch) };
  }

  private async refresh(live: boolean): Promise<void> {
    const id = this.twin?.$dtId;
    if (!id) return;
    try {
      await this.load(id);
      if (live) this.liveAt = Date.now();
    } catch (error) {
      this.problem = describeError(error);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const twin = await this.api.twins.get(id);
      const [model, outgoing, incoming, trace] = await Promise.all([
        this.modelOf(twin.$metadata.$model),
        this.api.relationships.list(id),
        this.api.relationships.listIncoming(id),
        // Only those who may manage rules read their trace; the rest see the twin without it.
        this.api.rules.trace(id).catch(() => []),
      ]);
      this.twin = twin;
      this.model = model;
      this.outgoing = outgoing;
      this.incoming = incoming;
      this.trace = trace;
      this.problem = null;
    } catch (error) {
      if (isEngineError(error) && error.code === ErrorCode.NotFound && this.twin?.$dtId === id) this.twin = null;
      this.problem = describeError(error);
    }
  }

  /** The last hour of the twin's numeric telemetry, from the history. */
  private async loadTelemetry(id: string): Promise<void> {
    const literal = `'${id.replace(/'/g, "''")}'`;
    try {
      const result = await this.api.analytics.sql(
        `SELECT name, epoch_ms(time) / 1000.0 AS t, value FROM telemetry WHERE twin_id = ${literal} AND component IS NULL AND value IS NOT NULL AND time > now() - INTERVAL 1 HOUR ORDER BY time DESC LIMIT 5000`,
        { rowLimit: 5_000 },
      );
      if (this.twin?.$dtId !== id) return;
      const series: Record<string, { times: number[]; values: number[] }> = {};
      for (const [name, t, value] of [...(result.rows as (readonly [string, number, number])[])].reverse()) {
        const entry = (series[name] ??= { times: [], values: [] });
        entry.times.push(Number(t));
        entry.values.push(Number(value));
      }
      for (const entry of Object.values(series)) {
        entry.times = entry.times.slice(-sparklinePoints);
        entry.values = entry.values.slice(-sparklinePoints);
      }
      this.telemetry = series;
    } catch {
      // Without a history (another process holds it) the sparklines start from live readings.
    }
  }

  private async modelOf(id: string): Promise<ModelDetail> {
    return (this.models[id] ??= await this.api.models.get(id, { flat: true }));
  }
}
