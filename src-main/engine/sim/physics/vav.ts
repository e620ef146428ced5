// VAV terminal with reheat, "single maximum" control: airflow rises from its minimum to its
// maximum over a throttling range above the cooling setpoint; below the heating setpoint the
// flow stays at minimum and the reheat coil modulates (ASHRAE Guideline 36 simplified).
import { checkSchedule, isScheduledOn, type HvacSchedule } from './hvac-schedule';
import { finite, inRange, invalidArgument, nonNegative, positive } from './validate';
import { AIR_HEAT_CAPACITY } from './zone-5r1c-params';

/** What can break in a VAV box. */
export type VavFailure = 'none' | 'damper-stuck-closed' | 'damper-stuck-open' | 'reheat';

/** VAV box parameters (SI). */
export interface VavParams {
  /** Maximum (cooling design) airflow, m³/s. */
  readonly maxAirflow: number;
  /** Minimum airflow as a fraction of the maximum, 0…1; default 0.3. */
  readonly minAirflowFraction?: number;
  /** Reheat coil capacity, W; default 0 (no reheat). */
  readonly reheatCapacity?: number;
  /** Reheat efficiency or COP; default 1 (electric). */
  readonly reheatCop?: number;
  /** Zone heating setpoint, °C; default 20. */
  readonly heatingSetpoint?: number;
  /** Zone cooling setpoint, °C; default 24. */
  readonly coolingSetpoint?: number;
  /** Proportional band of both loops, K; default 2. */
  readonly throttlingRange?: number;
  /** Operating schedule; default 'always'. */
  readonly schedule?: HvacSchedule;
  /** Weekday of hour 0 (0 = Monday); default 0. */
  readonly firstWeekday?: number;
}

/** Inputs of one VAV step. */
export interface VavStepInput {
  /** Hours since 1 January 00:00, for the schedule. */
  readonly hour: number;
  /** Zone air temperature, °C. */
  readonly zoneTemperature: number;
  /** AHU supply air temperature, °C. */
  readonly supplyTemperature: number;
  /** Step length, s. */
  readonly seconds: number;
}

/** One VAV step: airflow, reheat and the sensible heat delivered to the zone air node. */
export interface VavStepResult {
  readonly on: boolean;
  /** Airflow, m³/s. */
  readonly airflow: number;
  /** Reheat delivered, W. */
  readonly reheatPower: number;
  /** Reheat input (fuel or electricity), W. */
  readonly reheatInputPower: number;
  /** Discharge air temperature, °C. */
  readonly dischargeTemperature: number;
  /** Sensible heat to the zone ρc·V̇·(θ_dis − θ_zone), W (negative cools); feed it to the air node. */
  readonly zoneHeatingPower: number;
  /** Reheat energy input over the step, J. */
  readonly energy: number;
}

const CONTEXT = 'VavBox';
const FAILURES: readonly VavFailure[] = ['none', 'damper-stuck-closed', 'damper-stuck-open', 'reheat'];

/** A pressure-independent VAV box with optional reheat. */
export class VavBox {
  private readonly p: Required<VavParams>;
  /** Current failure; 'none' when healthy. */
  failure: VavFailure = 'none';
  /** Reheat capacity lost, 0…1. */
  reheatDegradation = 0;

  constructor(params: VavParams) {
    this.p = {
      maxAirflow: positive(CONTEXT, 'maxAirflow', params.maxAirflow),
      minAirflowFraction: inRange(CONTEXT, 'minAirflowFraction', params.minAirflowFraction ?? 0.3, 0, 1),
      reheatCapacity: nonNegative(CONTEXT, 'reheatCapacity', params.reheatCapacity ?? 0),
      reheatCop: positive(CONTEXT, 'reheatCop', params.reheatCop ?? 1),
      heatingSetpoint: finite(CONTEXT, 'heatingSetpoint', params.heatingSetpoint ?? 20),
      coolingSetpoint: finite(CONTEXT, 'coolingSetpoint', params.coolingSetpoint ?? 24),
      throttlingRange: positive(CONTEXT, 'throttlingRange', params.throttlingRange ?? 2),
      schedule: checkSchedule(CONTEXT, params.schedule ?? 'always'),
      firstWeekday: inRange(CONTEXT, 'firstWeekday', params.firstWeekday ?? 0, 0, 6),
    };
    if (this.p.heatingSetpoint > this.p.coolingSetpoint) throw invalidArgument(CONTEXT, 'heatingSetpoint', this.p.heatingSetpoint, `≤ coolingSetpoint (${this.p.coolingSetpoint})`);
  }

  /** Advances one step and returns the airflow, reheat and heat delivered to the zone. */
  step(input: VavStepInput): VavStepResult {
    const hour = finite(CONTEXT, 'hour', input.hour);
    const tZone = finite(CONTEXT, 'zoneTemperature', input.zoneTemperature);
    const tSup = finite(CONTEXT, 'supplyTemperature', input.supplyTemperature);
    const seconds = positive(CONTEXT, 'seconds', input.seconds);
    inRange(CONTEXT, 'reheatDegradation', this.reheatDegradation, 0, 1);
    if (!FAILURES.includes(this.failure)) throw invalidArgument(CONTEXT, 'failure', this.failure, FAILURES.join(', '));
    const p = this.p;
    if (!isScheduledOn(p.schedule, hour, p.firstWeekday)) {
      return { on: false, airflow: 0, reheatPower: 0, reheatInputPower: 0, dischargeTemperature: tSup, zoneHeatingPower: 0, energy: 0 };
    }
    const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
    const coolingSignal = clamp01((tZone - p.coolingSetpoint) / p.throttlingRange);
    const heatingSignal = clamp01((p.heatingSetpoint - tZone) / p.throttlingRange);
    let fraction = p.minAirflowFraction + (1 - p.minAirflowFraction) * coolingSignal;
    if (this.failure === 'damper-stuck-closed') fraction = 0;
    if (this.failure === 'damper-stuck-open') fraction = 1;
    const airflow = fraction * p.maxAirflow;
    const reheatCap = this.failure === 'reheat' || airflow === 0 ? 0 : p.reheatCapacity * (1 - this.reheatDegradation);
    const reheatPower = reheatCap * heatingSignal;
    const discharge = airflow > 0 ? tSup + reheatPower / (AIR_HEAT_CAPACITY * airflow) : tSup;
    const reheatInputPower = reheatPower / p.reheatCop;
    return {
      on: true,
      airflow,
      reheatPower,
      reheatInputPower,
      dischargeTemperature: discharge,
      zoneHeatingPower: airflow > 0 ? AIR_HEAT_CAPACITY * airflow * (discharge - tZone) : 0,
      energy: reheatInputPower * seconds,
    };
  }
}

/** Steady outdoor-air flow a zone receives from its VAV box, m³/s: airflow × the AHU's outdoor fraction. */
export function zoneOutdoorAirFlow(vavAirflow: number, ahuOutdoorAirFraction: number): number {
  return nonNegative('zoneOutdoorAirFlow', 'vavAirflow', vavAirflow) * inRange('zoneOutdoorAirFlow', 'ahuOutdoorAirFraction', ahuOutdoorAirFraction, 0, 1);
}
