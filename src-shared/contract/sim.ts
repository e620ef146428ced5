import type { ErrorPayload } from './errors';
import type { Event } from './event';

/** Where a scenario's weather comes from. */
export type ScenarioWeather =
  | {
      readonly kind: 'synthetic';
      /** Seed of the weather (default: the scenario's seed). */
      readonly seed?: number;
      readonly latitude?: number;
      readonly meanTemperature?: number;
      readonly annualAmplitude?: number;
      readonly dailyAmplitude?: number;
    }
  /** An EnergyPlus weather file; a relative path is read from the workspace's assets folder. */
  | { readonly kind: 'epw'; readonly path: string }
  /** A CSV with a dry-bulb column (see docs/simulation.md); a relative path is read from assets. */
  | { readonly kind: 'csv'; readonly path: string; readonly stepsPerHour?: number };

/** Zone parameters an intervention may set. */
export type ZoneSetting = 'heatingSetpoint' | 'coolingSetpoint' | 'ventilationAch' | 'lightingPowerDensity' | 'equipmentPowerDensity';

/** A change at `at` hours after the start. `target` is a zone, or a twin that contains or serves zones (floor, building, AHU, VAV). */
export type Intervention =
  | { readonly at: number; readonly kind: 'set'; readonly target: string; readonly property: ZoneSetting; readonly value: number }
  | { readonly at: number; readonly kind: 'setpoint'; readonly target: string; readonly heating?: number; readonly cooling?: number }
  /** An AHU or VAV stops (`fan`: no air, no heating or cooling; `heating`/`cooling`: that coil delivers nothing). */
  | { readonly at: number; readonly kind: 'fail'; readonly target: string; readonly failure?: 'fan' | 'heating' | 'cooling' }
  | { readonly at: number; readonly kind: 'restore'; readonly target: string }
  /** Occupants × factor in the target's zones (every zone when target is absent). */
  | { readonly at: number; readonly kind: 'scaleOccupancy'; readonly factor: number; readonly target?: string }
  /** Outdoor temperature + kelvin from `at` until `until` hours (the end when absent). */
  | { readonly at: number; readonly kind: 'offsetOutdoorTemperature'; readonly kelvin: number; readonly until?: number };

/** Where a scenario's graph comes from: a saved snapshot (see `SimService.saveSnapshot`); the live graph when absent. */
export interface ScenarioStart {
  readonly snapshot: string;
}

/** A what-if: the live graph or a saved snapshot, a time window, weather, changes over time. */
export interface Scenario {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  /** The graph the run starts from (default: the live graph as it is when the run starts). */
  readonly from?: ScenarioStart;
  /** First simulated hour, ISO date or date-time in UTC (default 2025-01-01T00:00:00Z). */
  readonly start?: string;
  /** Simulated hours, > 0, at most 10 years. */
  readonly horizonHours: number;
  /** Step length in minutes; divides 60 (default 60). */
  readonly stepMinutes?: number;
  readonly weather: ScenarioWeather;
  /** Zones to simulate (twin ids of zones or of twins containing them); the whole graph when absent. */
  readonly scope?: readonly string[];
  readonly interventions?: readonly Intervention[];
  /** Occupied operative-temperature band, °C (default 20–26). */
  readonly comfortBand?: { readonly min: number; readonly max: number };
  /** The same scenario, graph and seed give the same results. Default 1. */
  readonly seed?: number;
}

/** A problem in a scenario, located by a JSON path (`interventions[2].at`). */
export interface ScenarioProblem {
  readonly path: string;
  readonly message: string;
}

/** Physics defaults of one room type (properties of the twin win where they exist). */
export interface RoomTypeDefaults {
  /** Floor area per person at full occupancy, m² (0: nobody stays). */
  readonly areaPerPerson: number;
  /** Occupied hours [from, until), local time; days Monday-first. */
  readonly occupiedFrom: number;
  readonly occupiedUntil: number;
  readonly occupiedDays: readonly boolean[];
  /** Average fraction of the full occupancy present in occupied hours. */
  readonly occupancyFraction: number;
  /** Mechanical ventilation when the AHU runs, 1/h. */
  readonly ventilationAch: number;
  readonly heatingSetpoint: number;
  readonly coolingSetpoint: number;
  /** Lighting and equipment power in occupied hours, W/m² (10 % of it outside them). */
  readonly lightingPowerDensity: number;
  readonly equipmentPowerDensity: number;
  /** Metabolic rate of the occupants, met; their clothing, clo. */
  readonly metabolicRate: number;
  readonly clothing: number;
}

/**
 * How twins become physics: which models are zones and equipment, which relationships join them,
 * which property paths hold each physical quantity, and defaults by room type.
 */
export interface SimMapping {
  readonly zoneModels: readonly string[];
  readonly ahuModels: readonly string[];
  readonly vavModels: readonly string[];
  /** Equipment → what it serves (AHU → VAV → room). */
  readonly servesRelationship: string;
  /** Parent → child (building → floor → room). */
  readonly containsRelationship: string;
  /** Property paths (dot-separated, into components) of the zone twins; absent ones use defaults. */
  readonly zoneProperties: {
    readonly floorArea: string;
    readonly volume?: string;
    readonly height?: string;
    readonly roomType?: string;
    readonly capacity?: string;
    readonly windowArea?: string;
    readonly windowU?: string;
    readonly wallArea?: string;
    readonly wallU?: string;
    readonly roofArea?: string;
    readonly roofU?: string;
    readonly groundArea?: string;
    readonly groundU?: string;
    readonly gValue?: string;
    /** kJ/(m²·K) of floor, as the sample models give it. */
    readonly thermalCapacity?: string;
    readonly infiltrationAch?: string;
    readonly facadeOrientation?: string;
    readonly heatingSetpoint?: string;
    readonly coolingSetpoint?: string;
    /** Last known air temperature (°C) and CO2 (ppm): where the run starts. */
    readonly temperature?: string;
    readonly co2?: string;
  };
  readonly ahuProperties: { readonly airflow?: string; readonly fanPower?: string; readonly heatRecoveryEfficiency?: string; readonly supplyTemperature?: string };
  readonly vavProperties: { readonly maxAirflow?: string; readonly hasReheat?: string };
  /** Units the equipment properties use: airflow in m³/h or m³/s, fan power in kW or W. */
  readonly units: { readonly airflow: 'm3/h' | 'm3/s'; readonly fanPower: 'kW' | 'W' };
  readonly roomTypes: Readonly<Record<string, RoomTypeDefaults>>;
  /** The room type for twins whose type is missing or unknown. */
  readonly defaultRoomType: string;
  /** Plant efficiencies: heating (boiler efficiency or heat-pump COP) and cooling COP. */
  readonly heatingCop: number;
  readonly coolingCop: number;
  /**
   * Movable solar shading (blinds): at a step where the irradiance on a window's façade exceeds
   * `threshold` (W/m²), its solar gains are multiplied by `factor` (the shading's F_C, g with the
   * shading ÷ g without). Absent: windows are never shaded.
   */
  readonly solarShading?: { readonly threshold: number; readonly factor: number };
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One run of a scenario. */
export interface RunInfo {
  readonly id: string;
  readonly scenarioId: string;
  readonly status: RunStatus;
  /** Marked as the baseline others are compared with. */
  readonly baseline: boolean;
  readonly seed: number;
  readonly zones: number;
  readonly steps: number;
  readonly stepsDone: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly error?: ErrorPayload;
}

/** Progress of a running simulation. */
export interface RunProgress {
  readonly runId: string;
  readonly status: RunStatus;
  readonly stepsDone: number;
  readonly steps: number;
}

/** Key figures of a run. Energies are delivered (metered) energy, kWh. */
export interface RunKpis {
  readonly runId: string;
  readonly energyKwh: { readonly heating: number; readonly cooling: number; readonly fans: number; readonly lighting: number; readonly equipment: number; readonly total: number };
  /** Occupied zone-hours with the operative temperature outside the comfort band. */
  readonly hoursOutsideComfort: number;
  readonly occupiedHours: number;
  readonly peakTemperature: { readonly value: number; readonly zone: string; readonly time: string } | null;
  /** Σ max(0, CO2 − 1000 ppm)·Δt over zones and steps, ppm·h. */
  readonly co2PpmHoursOver1000: number;
  /** Occupied zone-hours by PPD band (%): [5,10), [10,15), [15,25), ≥ 25, and outside ISO 7730's validity. */
  readonly ppdHours: { readonly below10: number; readonly from10to15: number; readonly from15to25: number; readonly atLeast25: number; readonly invalid: number };
}

/** A line of a comparison: a key figure of run a and run b. */
export interface KpiDelta {
  readonly kpi: string;
  readonly unit: string;
  readonly a: number;
  readonly b: number;
  /** b − a. */
  readonly delta: number;
}

/** How one zone differs between two runs. */
export interface ZoneDelta {
  readonly zone: string;
  readonly energyKwhA: number;
  readonly energyKwhB: number;
  readonly hoursOutsideComfortA: number;
  readonly hoursOutsideComfortB: number;
  readonly peakTemperatureA: number;
  readonly peakTemperatureB: number;
  /** The largest |θ_op,b − θ_op,a| at one step, K. */
  readonly maxTemperatureDifference: number;
}

export interface RunComparison {
  readonly a: string;
  readonly b: string;
  readonly kpis: readonly KpiDelta[];
  readonly zones: readonly ZoneDelta[];
}

/** A result of every zone at every step, as `zoneSeries` reads it. */
export type ZoneQuantity = 'airTemperature' | 'operativeTemperature' | 'co2' | 'ppd' | 'occupants' | 'heatingPower' | 'coolingPower';

/** Which zones and which quantity of a run to read, at most `maxPoints` steps (default 2,000; longer runs are averaged into that many buckets). */
export interface ZoneSeriesRequest {
  readonly zones: readonly string[];
  readonly quantity: ZoneQuantity;
  readonly maxPoints?: number;
}

/** Chosen zones of a run over time. */
export interface ZoneSeries {
  readonly runId: string;
  readonly quantity: ZoneQuantity;
  /** °C, ppm, %, persons or W. */
  readonly unit: string;
  /** The run's first simulated instant (ISO 8601, UTC). */
  readonly start: string;
  /** Hours since `start` of each point (a bucket's first step). */
  readonly hours: readonly number[];
  /** One line per requested zone, in the request's order; null where the step gave no number. */
  readonly zones: readonly { readonly zone: string; readonly values: readonly (number | null)[] }[];
}

/** What a run records per zone per step (°C, ppm, persons, W; PMV and PPD as in ISO 7730). */
export const runQuantities = [
  'airTemperature',
  'operativeTemperature',
  'massTemperature',
  'co2',
  'occupants',
  'pmv',
  'ppd',
  'heatingPower',
  'coolingPower',
  'heatingInputPower',
  'coolingInputPower',
  'fanPower',
  'lightingPower',
  'equipmentPower',
] as const;

export type RunQuantity = (typeof runQuantities)[number];

/** Which values of a run to read: one quantity, a range of steps, some zones or all. */
export interface ZoneValuesRequest {
  readonly quantity: RunQuantity;
  /** First step (default 0). */
  readonly fromStep?: number;
  /** Steps to read from there (default: to the end; at most 2,000,000 values, zones × steps, per call). */
  readonly steps?: number;
  /** Zone twin ids; every zone of the run when absent. */
  readonly zones?: readonly string[];
}

/** One quantity of a run, zone by zone and step by step: the value of zone z at step fromStep + s is values[s · zones.length + z]. */
export interface ZoneValues {
  readonly runId: string;
  readonly quantity: RunQuantity;
  /** The zones asked for that the run has, in the run's zone order. */
  readonly zones: readonly string[];
  readonly fromStep: number;
  readonly steps: number;
  /** Time of step fromStep (ISO, UTC) and the step length. */
  readonly startTime: string;
  readonly stepMinutes: number;
  /** null where the run has no value (a zone without occupants has no PMV). */
  readonly values: readonly (number | null)[];
}

/** A saved copy of the graph's simulation-relevant state. */
export interface SnapshotInfo {
  readonly name: string;
  readonly createdAt: string;
  readonly twins: number;
  readonly relationships: number;
}

/** Options of a run. */
export interface RunRequest {
  /** The run id (default: the scenario id and the time). */
  readonly runId?: string;
  readonly baseline?: boolean;
}

export interface SimService {
  /** The model → physics mapping in use (the workspace's, or the default for the sample models). */
  getMapping(): Promise<SimMapping>;
  /** Replaces the mapping after checking it. */
  putMapping(mapping: SimMapping): Promise<SimMapping>;
  /** Forgets the workspace's mapping; the default applies again. */
  resetMapping(): Promise<SimMapping>;
  listScenarios(): Promise<Scenario[]>;
  getScenario(id: string): Promise<Scenario>;
  /** Checks a scenario against the schema and the graph; the problems found, located (none: it runs). */
  validateScenario(scenario: Scenario): Promise<ScenarioProblem[]>;
  /** Adds or replaces a scenario (InvalidArgument with `details.problems` when it does not validate). */
  putScenario(scenario: Scenario): Promise<Scenario>;
  deleteScenario(id: string): Promise<void>;
  /** Starts a run of a stored scenario, or of one given inline; resolves once it has started. */
  startRun(scenario: string | Scenario, request?: RunRequest): Promise<RunInfo>;
  /** Resolves when the run has finished, with its final state. */
  waitRun(runId: string): Promise<RunInfo>;
  cancelRun(runId: string): Promise<RunInfo>;
  getRun(runId: string): Promise<RunInfo>;
  /** Runs stored in the workspace and running now, newest first. */
  listRuns(): Promise<RunInfo[]>;
  /** Removes a finished run and its results. */
  deleteRun(runId: string): Promise<void>;
  kpis(runId: string): Promise<RunKpis>;
  compareRuns(a: string, b: string): Promise<RunComparison>;
  /** The zones a run simulated, in their order. */
  runZones(runId: string): Promise<string[]>;
  /** Chosen zones of a finished run over time (NotFound for a zone the run has not). */
  zoneSeries(runId: string, request: ZoneSeriesRequest): Promise<ZoneSeries>;
  /** One quantity of a finished run for many zones and steps in one call (the 3D replay and compare). */
  zoneValues(runId: string, request: ZoneValuesRequest): Promise<ZoneValues>;
  /** Writes a run's results per zone per step to a file (absolute path); an existing file only with `force`. */
  exportRun(runId: string, options: { readonly path: string; readonly format: 'csv' | 'parquet'; readonly force?: boolean }): Promise<{ readonly rows: number }>;
  /**
   * Saves the live graph's simulation-relevant state (every twin with its model and properties,
   * the mapping's serves and contains relationships, the site) under a name, for scenarios that
   * say `from: { snapshot }`; an existing name only with `replace`.
   */
  saveSnapshot(name: string, options?: { readonly replace?: boolean }): Promise<SnapshotInfo>;
  /** The saved snapshots, by name. */
  listSnapshots(): Promise<SnapshotInfo[]>;
  deleteSnapshot(name: string): Promise<void>;
  /** Progress and status changes of every run. */
  onDidProgress: Event<RunProgress>;
}
