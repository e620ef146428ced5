/** A fault injected into synthetic devices, to see how the twin and its rules react. */
export type SyntheticFault =
  /** The sensor repeats the reading it had when the fault began (`telemetry` limits it to one stream). */
  | { readonly kind: 'stuckSensor'; readonly twinId: string; readonly telemetry?: string; readonly from?: string; readonly until?: string }
  /** An air-handling unit stops: its supply air drifts to room level and the rooms it serves warm up. */
  | { readonly kind: 'failedAhu'; readonly twinId: string; readonly from?: string; readonly until?: string };

/** The synthetic devices: whether they run, and what they have sent. */
export interface SyntheticStatus {
  readonly running: boolean;
  /** Twins whose models declare telemetry: one synthetic device each. */
  readonly devices: number;
  readonly messages: number;
  readonly errors: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly faults: readonly SyntheticFault[];
  readonly lastTick?: string;
  readonly lastError?: string;
}

/** Options of the synthetic devices. */
export interface SyntheticOptions {
  readonly intervalMs?: number;
  readonly seed?: number;
  readonly faults?: readonly SyntheticFault[];
}

/** Where one payload field goes: a telemetry name or a property of the bound twin (or component). */
export interface FieldBinding {
  readonly to: 'telemetry' | 'property';
  readonly name: string;
  /** The unit the device sends, a DTDL unit name (`degreeFahrenheit`); converted to the unit the model states. */
  readonly unit?: string;
}

/** A device's messages land on one twin (and optionally one of its components). */
export interface DeviceBinding {
  readonly deviceId: string;
  readonly twinId: string;
  readonly component?: string;
  /** Payload field → where it goes. Fields not listed are ignored and reported. */
  readonly fields: Readonly<Record<string, FieldBinding>>;
}

/** What became of the bindings generated from relationships. */
export interface GeneratedBindings {
  readonly created: readonly DeviceBinding[];
  /** Devices that already had a binding and were kept as they are. */
  readonly kept: readonly string[];
}

/** How bindings are generated: twins with this relationship (a sensor that *observes* a room) become devices. */
export interface GenerateBindingsOptions {
  /** The relationship that marks a twin as a device; `observes` unless given. */
  readonly relationship?: string;
  /** `self`: readings become the device twin's telemetry; `observed`: they land on the related twin, as telemetry or property by its model. */
  readonly target?: 'self' | 'observed';
  /** Replace bindings that already exist. */
  readonly replace?: boolean;
}

/** A source of device messages. MQTT topics name the device through `{deviceId}` (see docs/live-data.md). */
export type SourceDefinition =
  /** Devices POST to the server host's `/devices/{deviceId}/messages`. */
  | { readonly name: string; readonly type: 'http' }
  /** An embedded MQTT broker on a loopback port (0 picks a free one). */
  | { readonly name: string; readonly type: 'mqtt-broker'; readonly port: number; readonly host?: string; readonly topics?: readonly string[] }
  /** A client of an external MQTT broker, subscribed with QoS 1 to topic patterns. */
  | {
      readonly name: string;
      readonly type: 'mqtt-client';
      readonly url: string;
      readonly topics: readonly string[];
      readonly clientId?: string;
      readonly username?: string;
      readonly password?: string;
    }
  /** A recorded file (CSV, Parquet or NDJSON) played back at a speed from 1 to 1000, or as fast as possible (0). */
  | { readonly name: string; readonly type: 'replay'; readonly path: string; readonly format?: ReplayFormat; readonly speed: number };

export type ReplayFormat = 'csv' | 'parquet' | 'ndjson';
export type SourceType = SourceDefinition['type'];

/** Why messages were refused, by reason. */
export type RejectReason = 'unknownDevice' | 'malformedPayload' | 'invalidValue' | 'unmappedField' | 'storeFailed' | 'connection';

/** A source's live counters. */
export interface SourceStatus {
  readonly name: string;
  readonly type: SourceType;
  readonly running: boolean;
  /** Messages whose readings were stored. */
  readonly messages: number;
  /** Messages per second over the last few seconds. */
  readonly messagesPerSecond: number;
  /** Messages refused or failed, and connection problems. */
  readonly errors: number;
  readonly reasons: Readonly<Partial<Record<RejectReason, number>>>;
  readonly lastError?: string;
  readonly lastErrorTime?: string;
  /** Where devices connect (a broker's `mqtt://host:port`, the HTTP path) or what it connects to. */
  readonly address?: string;
  /** MQTT client: connected to its broker now; reconnects counts the times it had to reconnect. */
  readonly connected?: boolean;
  readonly reconnects?: number;
  /** Replay: rows played of all rows, and whether it reached the end. */
  readonly progress?: { readonly done: number; readonly total: number; readonly finished: boolean };
}

/** What became of one device message. */
export interface IngestReceipt {
  readonly twinId: string;
  readonly telemetry: number;
  readonly properties: number;
  /** Payload fields the binding does not map. */
  readonly ignored: readonly string[];
}

/** Where a device message came from and when the device measured it. */
export interface DeviceMessageOptions {
  readonly source?: string;
  readonly sourceTime?: string;
  readonly messageId?: string;
}

export interface IngestService {
  /** Starts a synthetic device for every twin with telemetry (daily cycles, office hours, noise, drift, injected faults; seeded). The workspace remembers it. */
  startSynthetic(options?: SyntheticOptions): Promise<SyntheticStatus>;
  stopSynthetic(): Promise<SyntheticStatus>;
  status(): Promise<SyntheticStatus>;

  listBindings(): Promise<DeviceBinding[]>;
  getBinding(deviceId: string): Promise<DeviceBinding>;
  /** Adds or replaces a binding, checked against the twin's model (names, kinds, units). */
  putBinding(binding: DeviceBinding): Promise<DeviceBinding>;
  deleteBinding(deviceId: string): Promise<void>;
  /** Generates bindings for twins that have a relationship such as `observes`. */
  generateBindings(options?: GenerateBindingsOptions): Promise<GeneratedBindings>;

  listSources(): Promise<SourceDefinition[]>;
  /** Adds or replaces a source (stopped, if it ran). */
  putSource(source: SourceDefinition): Promise<SourceDefinition>;
  deleteSource(name: string): Promise<void>;
  /** Starts a source; the workspace remembers it, so a host that stays up resumes it. */
  startSource(name: string): Promise<SourceStatus>;
  stopSource(name: string): Promise<SourceStatus>;
  /** Live counters of every source. */
  sources(): Promise<SourceStatus[]>;
  /** One device message through its binding, counted by the named running source (`http` sources: the server's device endpoint). */
  receive(deviceId: string, payload: unknown, options?: DeviceMessageOptions): Promise<IngestReceipt>;
}
