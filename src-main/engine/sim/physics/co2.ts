// Occupancy and CO2: a well-mixed zone, V·dC/dt = Q·(C_out − C) + G, stepped with its exact
// solution so any step length is exact for inputs held constant over the step.
import { finite, inRange, invalidArgument, nonNegative, positive } from './validate';

/** Typical metabolic rates by activity, met (ISO 7730 Table B.1; ASHRAE 55 Table 5.2.1.2). */
export const ACTIVITY_MET = {
  reclining: 0.8,
  seatedQuiet: 1.0,
  officeWork: 1.2,
  standingRelaxed: 1.2,
  standingLight: 1.6,
  walking: 1.9, // level, 2 km/h
  mediumActivity: 2.0,
  heavyWork: 3.0,
} as const;

/** Activity names accepted where a metabolic rate is expected. */
export type Activity = keyof typeof ACTIVITY_MET;

/** Metabolic rate (met) of an activity name or a number of met. */
export function metabolicRateOf(activity: Activity | number): number {
  if (typeof activity === 'number') return positive('metabolicRateOf', 'metabolicRate', activity);
  const met = (ACTIVITY_MET as Record<string, number | undefined>)[activity];
  if (met === undefined) throw invalidArgument('metabolicRateOf', 'activity', activity, `one of ${Object.keys(ACTIVITY_MET).join(', ')}`);
  return met;
}

/**
 * CO2 generation of one person, m³/s, at a metabolic rate (met): 0.00276·A_D·M·RQ/(0.23·RQ + 0.77) L/s
 * (ASTM D6245-18 eq. A1.2, the energy-equivalent of O2 consumption), with the DuBois area A_D
 * (default 1.8 m²) and respiratory quotient RQ (default 0.83). At 1.2 met: 0.0052 L/s.
 */
export function co2GenerationPerPerson(activity: Activity | number, bodySurfaceArea = 1.8, respiratoryQuotient = 0.83): number {
  const met = metabolicRateOf(activity);
  const area = positive('co2GenerationPerPerson', 'bodySurfaceArea', bodySurfaceArea);
  const rq = inRange('co2GenerationPerPerson', 'respiratoryQuotient', respiratoryQuotient, 0.7, 1);
  return (0.00276 * area * met * rq) / (0.23 * rq + 0.77) / 1000;
}

/** Total metabolic heat of one person, W: M·A_D (58.15 W/m² per met). */
export function metabolicHeatPerPerson(activity: Activity | number, bodySurfaceArea = 1.8): number {
  return metabolicRateOf(activity) * 58.15 * positive('metabolicHeatPerPerson', 'bodySurfaceArea', bodySurfaceArea);
}

/**
 * Exact concentration (ppm) after `seconds` in a well-mixed volume (m³) with outdoor-air flow (m³/s)
 * and generation (m³/s of CO2): C(t) = C_ss + (C₀ − C_ss)·e^(−Q·t/V), C_ss = C_out + 10⁶·G/Q; with
 * Q = 0 the growth is linear, C₀ + 10⁶·G·t/V.
 */
export function co2After(initialPpm: number, outdoorPpm: number, generation: number, outdoorAirFlow: number, volume: number, seconds: number): number {
  if (outdoorAirFlow === 0) return initialPpm + (1e6 * generation * seconds) / volume;
  const steady = outdoorPpm + (1e6 * generation) / outdoorAirFlow;
  return steady + (initialPpm - steady) * Math.exp((-outdoorAirFlow * seconds) / volume);
}

/** Parameters of a CO2 zone. */
export interface Co2ZoneParams {
  /** Air volume, m³. */
  readonly volume: number;
  /** Outdoor CO2, ppm; default 420. */
  readonly outdoorCo2?: number;
  /** Indoor CO2 at the start, ppm; default the outdoor value. */
  readonly initialCo2?: number;
  /** Infiltration, air changes per hour; default 0. */
  readonly infiltrationAch?: number;
}

/** Inputs of one CO2 step (held constant over the step). */
export interface Co2StepInput {
  /** People present. */
  readonly occupants: number;
  /** Their activity or metabolic rate (met); default office work (1.2 met). */
  readonly activity?: Activity | number;
  /** Outdoor air supplied by the HVAC (AHU/VAV outdoor-air share), m³/s; default 0. */
  readonly outdoorAirFlow?: number;
  /** Step length, s. */
  readonly seconds: number;
}

/** One zone's CO2 concentration, stepped exactly. */
export class Co2Zone {
  private readonly volume: number;
  private readonly outdoor: number;
  private readonly infiltration: number;
  private ppm: number;

  constructor(params: Co2ZoneParams) {
    this.volume = positive('Co2Zone', 'volume', params.volume);
    this.outdoor = nonNegative('Co2Zone', 'outdoorCo2', params.outdoorCo2 ?? 420);
    this.ppm = nonNegative('Co2Zone', 'initialCo2', params.initialCo2 ?? this.outdoor);
    this.infiltration = (nonNegative('Co2Zone', 'infiltrationAch', params.infiltrationAch ?? 0) * this.volume) / 3600;
  }

  /** Current concentration, ppm. */
  get concentration(): number {
    return this.ppm;
  }

  /** Advances one step and returns the concentration at its end, ppm. */
  step(input: Co2StepInput): number {
    const occupants = nonNegative('Co2Zone', 'occupants', input.occupants);
    const flow = nonNegative('Co2Zone', 'outdoorAirFlow', input.outdoorAirFlow ?? 0) + this.infiltration;
    const seconds = positive('Co2Zone', 'seconds', input.seconds);
    const generation = occupants === 0 ? 0 : occupants * co2GenerationPerPerson(input.activity ?? 'officeWork');
    this.ppm = finite('Co2Zone', 'concentration', co2After(this.ppm, this.outdoor, generation, flow, this.volume, seconds));
    return this.ppm;
  }
}
