import type { EngineApi, GraphEvent, RunInfo, RunQuantity, SceneAssetFile, SceneDocument, SceneSummary, TelemetryReading } from '../../src-shared/contract';
import type { LevelView } from '../../src-shared/geometry/extrude';
import { dimmedColour, divergingColour, hexColour, noValueColour, rampColour, selectedColour } from '../features/floorplan/colour-scale';
import type { RoomLook } from '../features/floorplan/floorplan-view';
import { loadRunReplay, runRange, runValueAt, type RunReplay } from '../features/floorplan/run-replay';
import { parseVisualRules, type VisualRule } from '../features/floorplan/visual-rules';
import type { OverlayState } from './overlay.svelte';
import { describeError } from './workspace.svelte';

type Values = Record<string, unknown>;

/** Where the view is told to repaint: everything, or one twin's rooms. */
export interface Painter {
  paintAll(): void;
  paintTwin(twinId: string): void;
}

/** One property's history for the time slider: per twin, times (ms) and values, oldest first. */
interface HistoryReplay {
  readonly kind: 'history';
  readonly property: string;
  readonly from: number;
  readonly to: number;
  readonly series: Map<string, { times: number[]; values: unknown[] }>;
}

/** What the time slider plays: a property's recorded history, or a simulation run (or two compared). */
type Replay = HistoryReplay | RunReplay;

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const telemetryPrefix = 'telemetry:';

function lookup(values: Values | undefined, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) current = current && typeof current === 'object' ? (current as Values)[part] : undefined;
  return current;
}

/** Applies a JSON Patch (the shapes ADT update events carry) to a plain copy of a twin's values. */
function applyPatch(values: Values, patch: readonly { op: string; path: string; value?: unknown }[]): void {
  for (const op of patch) {
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: Values = values;
    for (const part of parts.slice(0, -1)) {
      if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
      target = target[part] as Values;
    }
    const last = parts[parts.length - 1];
    if (last === undefined) continue;
    if (op.op === 'remove') delete target[last];
    else if (op.op === 'add' || op.op === 'replace') target[last] = op.value;
  }
}

/** The 3D area: scenes, the shown scene, live values of its twins, colours, rules and the time slider. */
export class FloorplanState {
  scenes = $state.raw<SceneSummary[]>([]);
  scene = $state.raw<SceneDocument | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  colourBy = $state('');
  properties = $state.raw<string[]>([]);
  min = $state(0);
  max = $state(1);
  autoRange = $state(true);
  rulesText = $state('');
  ruleErrors = $state.raw<string[]>([]);
  levelView = $state.raw<LevelView>({ mode: 'all' });
  selected = $state<string | null>(null);
  /** Bumped when values change, so views of values (the selected twin, tooltips) refresh. */
  version = $state(0);
  replay = $state.raw<Replay | null>(null);
  time = $state(0);
  playing = $state(false);
  speed = $state(1);
  lastLiveMs = $state<number | null>(null);
  /** Finished simulation runs the time slider can play. */
  runs = $state.raw<RunInfo[]>([]);
  // Plain maps: thousands of twins change many times a second; views read them through `version`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly values = new Map<string, Values>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly telemetry = new Map<string, Values>();
  private rules: VisualRule[] = [];
  private painter: Painter | null = null;
  private timer = 0;

  constructor(
    private readonly api: EngineApi,
    private readonly onSelect: (twinId: string | null) => void,
    private readonly overlay: OverlayState,
  ) {
    api.twins.onDidChange((events) => this.takeChanges(events));
    api.telemetry.onDidPublish((readings) => this.takeReadings(readings));
  }

  attach(painter: Painter | null): void {
    this.painter = painter;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.scenes = await this.api.spatial.list();
      const first = this.scene?.id ?? this.scenes[0]?.id;
      if (first) await this.open(first);
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  /** Makes (or remakes) the scene of the graph's floors and rooms, and shows it. */
  async fromTwins(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      await this.api.spatial.fromTwins({ id: 'graph', name: 'Floors and rooms of the graph' });
      this.scenes = await this.api.spatial.list();
      await this.open('graph');
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  async open(id: string): Promise<void> {
    this.error = null;
    const scene = await this.api.spatial.get(id);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
    const ids = [...new Set(scene.spaces.flatMap((s) => (s.twinId ? [s.twinId] : [])))];
    this.values.clear();
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      const text = `SELECT T FROM DIGITALTWINS T WHERE T.$dtId IN [${batch.map(quote).join(', ')}]`;
      let page = await this.api.query.run(text);
      for (;;) {
        for (const row of page.items as { T: Values & { $dtId: string } }[]) this.values.set(row.T.$dtId, row.T);
        if (!page.continuationToken) break;
        page = await this.api.query.run(text, { continuationToken: page.continuationToken });
      }
    }
    this.properties = this.numericProperties();
    if (!this.properties.includes(this.colourBy)) this.colourBy = this.properties.includes('temperature') ? 'temperature' : (this.properties[0] ?? '');
    this.replay = null;
    this.scene = scene;
    this.fitRange();
  }

  /** The stored files of a glTF asset of the shown scene, for drawing it. */
  assetFiles(assetId: string): Promise<SceneAssetFile[]> {
    return this.api.spatial.assetFiles(this.scene?.id ?? '', assetId);
  }

  /** Every numeric property (and component property) some twin of the scene has, plus telemetry names seen. */
  private numericProperties(): string[] {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
    const names = new Set<string>();
    for (const values of this.values.values()) {
      for (const [key, value] of Object.entries(values)) {
        if (key.startsWith('$')) continue;
        if (typeof value === 'number') names.add(key);
        else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [inner, v] of Object.entries(value as Values)) if (typeof v === 'number') names.add(`${key}.${inner}`);
      }
    }
    for (const values of this.telemetry.values()) for (const key of Object.keys(values)) names.add(`${telemetryPrefix}${key}`);
    return [...names].sort();
  }

  /** The value a room shows now: the replayed one while the time slider is on, else the live one. */
  valueOf(twinId: string, property = this.colourBy): unknown {
    if (property.startsWith(telemetryPrefix)) return this.telemetry.get(twinId)?.[property.slice(telemetryPrefix.length)];
    const replay = this.replay;
    if (replay?.kind === 'run' && property === this.colourBy) return runValueAt(replay, twinId, this.time);
    if (replay?.kind === 'history' && replay.property === property) {
      const series = replay.series.get(twinId);
      if (series) {
        let lo = -1;
        for (let hi = series.times.length - 1, l = 0; l <= hi; ) {
          const mid = (l + hi) >> 1;
          if (series.times[mid]! <= this.time) {
            lo = mid;
            l = mid + 1;
          } else hi = mid - 1;
        }
        // Before its first recorded change a twin shows its earliest known value: twins of one
        // import are created milliseconds apart, and the slider starts at the first of them.
        return series.values[Math.max(0, lo)];
      }
    }
    return lookup(this.values.get(twinId), property);
  }

  /** A twin's values as the rules and the tooltip see them. */
  valuesOf(twinId: string): Values | undefined {
    const values = this.values.get(twinId);
    if (!values) return undefined;
    const replay = this.replay;
    if (!replay) return values;
    if (replay.kind === 'run') return { ...values, [replay.quantity]: this.valueOf(twinId) };
    return { ...values, [replay.property]: this.valueOf(twinId, replay.property) };
  }

  /** How a twin's rooms look now: their own look, or behind an overlay, labelled when marked and dimmed when not. */
  look(twinId: string | undefined): RoomLook {
    const own = this.ownLook(twinId);
    if (!this.overlay.active || twinId === this.selected) return own;
    if (twinId && this.overlay.has(twinId)) return { colour: own.colour, label: own.label ?? String(this.values.get(twinId)?.name ?? twinId) };
    return { colour: dimmedColour(own.colour) };
  }

  private ownLook(twinId: string | undefined): RoomLook {
    if (!twinId || !this.values.has(twinId)) return { colour: noValueColour };
    if (twinId === this.selected) return { colour: selectedColour, label: String(this.values.get(twinId)?.name ?? twinId) };
    const values = this.valuesOf(twinId)!;
    for (const rule of this.rules) {
      try {
        if (rule.test(values)) return { colour: hexColour(rule.colour), ...(rule.label ? { label: rule.label } : {}) };
      } catch {
        // A rule that fails on one twin's values does not colour it.
      }
    }
    const value = this.valueOf(twinId);
    if (typeof value !== 'number') return { colour: noValueColour };
    const t = this.max === this.min ? 0.5 : (value - this.min) / (this.max - this.min);
    return { colour: this.comparing ? divergingColour(t) : rampColour(t) };
  }

  /** True while the rooms show the difference of two runs. */
  get comparing(): boolean {
    return this.replay?.kind === 'run' && this.replay.baseRunId !== null;
  }

  /** What the rooms' colour stands for, in words (the tooltip and the legend). */
  get shownQuantity(): string {
    const replay = this.replay;
    if (replay?.kind !== 'run') return this.colourBy;
    return replay.baseRunId ? `${replay.quantity}, ${replay.runId} − ${replay.baseRunId}` : `${replay.quantity}, run ${replay.runId}`;
  }

  /** Sets the range to the values shown. */
  fitRange(): void {
    if (this.replay?.kind === 'run') {
      ({ min: this.min, max: this.max } = runRange(this.replay));
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const id of this.values.keys()) {
      const value = this.valueOf(id);
      if (typeof value !== 'number') continue;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (this.replay?.kind === 'history' && this.replay.property === this.colourBy) {
      for (const series of this.replay.series.values()) {
        for (const v of series.values) {
          if (typeof v !== 'number') continue;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    this.min = Number.isFinite(min) ? min : 0;
    this.max = Number.isFinite(max) ? max : 1;
  }

  setColourBy(property: string): void {
    this.colourBy = property;
    this.replay = null;
    this.playing = false;
    if (this.autoRange) this.fitRange();
    this.painter?.paintAll();
  }

  setRules(text: string): void {
    this.rulesText = text;
    const parsed = parseVisualRules(text);
    this.rules = parsed.rules;
    this.ruleErrors = parsed.errors;
    this.painter?.paintAll();
  }

  select(twinId: string | null, announce = true): void {
    const previous = this.selected;
    this.selected = twinId;
    if (previous) this.painter?.paintTwin(previous);
    if (twinId) this.painter?.paintTwin(twinId);
    if (announce) this.onSelect(twinId);
  }

  private takeChanges(events: readonly GraphEvent[]): void {
    const started = performance.now();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
    const touched = new Set<string>();
    for (const event of events) {
      if (!this.values.has(event.subject)) continue;
      if (event.type === 'Microsoft.DigitalTwins.Twin.Update') {
        const data = event.data as { patch?: { op: string; path: string; value?: unknown }[] };
        applyPatch(this.values.get(event.subject)!, data.patch ?? []);
      } else if (event.type === 'Microsoft.DigitalTwins.Twin.Delete') {
        this.values.delete(event.subject);
      }
      touched.add(event.subject);
    }
    if (touched.size === 0) return;
    if (this.autoRange) {
      const [min, max] = [this.min, this.max];
      this.fitRange();
      if (min !== this.min || max !== this.max) this.painter?.paintAll();
    }
    for (const id of touched) this.painter?.paintTwin(id);
    this.lastLiveMs = performance.now() - started;
    this.version++;
  }

  private takeReadings(readings: readonly TelemetryReading[]): void {
    let seen = false;
    for (const reading of readings) {
      if (!this.values.has(reading.twinId) || typeof reading.value !== 'number') continue;
      const entry = this.telemetry.get(reading.twinId) ?? {};
      const isNew = !(reading.name in entry);
      entry[reading.name] = reading.value;
      this.telemetry.set(reading.twinId, entry);
      if (isNew) this.properties = this.numericProperties();
      if (this.colourBy === `${telemetryPrefix}${reading.name}`) this.painter?.paintTwin(reading.twinId);
      seen = true;
    }
    if (seen) this.version++;
  }

  /** Loads the colour property's history for the time slider. */
  async loadHistory(): Promise<void> {
    this.error = null;
    const property = this.colourBy;
    if (!property || property.startsWith(telemetryPrefix) || property.includes('.')) {
      this.error = 'The time slider replays a twin property; choose one to colour by.';
      return;
    }
    try {
      const result = await this.api.analytics.sql(`SELECT Id AS id, epoch_ms(TimeStamp) AS t, CAST(Value AS VARCHAR) AS v FROM property_events WHERE Key = ${quote(property)} ORDER BY TimeStamp`, { rowLimit: 500_000 });
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const series = new Map<string, { times: number[]; values: unknown[] }>();
      for (const [id, t, v] of result.rows as [string, number, string | null][]) {
        if (!this.values.has(id)) continue;
        const entry = series.get(id) ?? { times: [], values: [] };
        entry.times.push(Number(t));
        entry.values.push(v === null ? undefined : JSON.parse(v));
        series.set(id, entry);
      }
      const times = [...series.values()].flatMap((s) => s.times);
      if (times.length === 0) {
        this.error = `There is no history of ${property} for the twins of this scene yet.`;
        return;
      }
      const from = Math.min(...times);
      const to = Math.max(...times);
      this.replay = { kind: 'history', property, from, to, series };
      this.time = from;
      if (this.autoRange) this.fitRange();
      this.painter?.paintAll();
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** The finished runs, for the run and compare choices. */
  async loadRuns(): Promise<void> {
    try {
      this.runs = (await this.api.sim.listRuns()).filter((run) => run.status === 'succeeded');
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Plays a simulation run on the time slider, or (with `baseRunId`) its difference from another run. */
  async replayRun(runId: string, quantity: RunQuantity, baseRunId: string | null = null): Promise<void> {
    this.error = null;
    this.pause();
    try {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local working set, never rendered
      const zones = [...new Set(this.scene?.spaces.flatMap((s) => (s.twinId ? [s.twinId] : [])) ?? [])];
      const replay = await loadRunReplay(this.api, runId, quantity, zones, baseRunId);
      if (replay.zoneOf.size === 0) {
        this.error = `Run ${runId} simulated none of the rooms of this scene.`;
        return;
      }
      this.replay = replay;
      this.time = replay.from;
      this.autoRange = true;
      this.fitRange();
      this.painter?.paintAll();
      this.version++;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  /** Moves the time slider. */
  seek(time: number): void {
    this.time = time;
    this.painter?.paintAll();
    this.version++;
  }

  /** Leaves the replay: live values again. */
  live(): void {
    this.pause();
    this.replay = null;
    if (this.autoRange) this.fitRange();
    this.painter?.paintAll();
  }

  play(): void {
    const replay = this.replay;
    if (!replay || this.playing) return;
    if (this.time >= replay.to) this.time = replay.from;
    this.playing = true;
    let last = performance.now();
    const tick = () => {
      if (!this.playing || !this.replay) return;
      const now = performance.now();
      // At 1× the whole recorded span plays in 60 seconds.
      this.seek(Math.min(replay.to, this.time + ((replay.to - replay.from) / 60_000) * this.speed * (now - last)));
      last = now;
      if (this.time >= replay.to) this.playing = false;
      else this.timer = requestAnimationFrame(tick);
    };
    this.timer = requestAnimationFrame(tick);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.timer);
  }
}
