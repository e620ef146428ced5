// Air-handling unit: outdoor-air mixing with heat recovery, a heating and a cooling coil that
// hold a supply-air setpoint within their capacity, a variable-speed supply fan, COPs, a
// schedule, failures and degradation. Energy is reported per step.
import { checkSchedule, isScheduledOn, type HvacSchedule } from './hvac-schedule';
import { capacity, finite, inRange, invalidArgument, nonNegative, positive } from './validate';
import { AIR_HEAT_CAPACITY } from './zone-5r1c-params';

/** What can break in an AHU. */
export type AhuFailure = 'none' | 'fan' | 'heating' | 'cooling';

/** Gradual loss of performance, each a fraction. */
export interface AhuDegradation {
  /** Coil capacity lost, 0…1 (fouled coils). */
  readonly capacity?: number;
  /** COP / efficiency lost, 0…1 (refrigerant loss, scaling). */
  readonly cop?: number;
  /** Extra fan power, ≥ 0 (dirty filters: 0.2 = +20 %). */
  readonly fan?: number;
}

/** AHU parameters (SI). */
export interface AhuParams {
  /** Design supply airflow, m³/s. */
  readonly maxAirflow: number;
  /** Supply-air temperature setpoint, °C; default 13. */
  readonly supplyTemperatureSetpoint?: number;
  /** Minimum outdoor-air fraction of the supply, 0…1; default 0.2. */
  readonly minOutdoorAirFraction?: number;
  /** Heating coil capacity, W; default Infinity. */
  readonly heatingCapacity?: number;
  /** Cooling coil capacity (positive), W; default Infinity. */
  readonly coolingCapacity?: number;
  /** Heating efficiency or COP (delivered / input); default 0.9 (boiler). */
  readonly heatingCop?: number;
  /** Cooling COP (delivered / electric input); default 3.5. */
  readonly coolingCop?: number;
  /** Supply-fan power at design airflow, W. */
  readonly designFanPower: number;
  /** Sensible effectiveness of the exhaust-air heat recovery, 0…1; default 0. */
  readonly heatRecoveryEfficiency?: number;
  /** Operating schedule; default 'always'. */
  readonly schedule?: HvacSchedule;
  /** Weekday of hour 0 (0 = Monday); default 0. */
  readonly firstWeekday?: number;
}

/** Inputs of one AHU step (means over the step). */
export interface AhuStepInput {
  /** Hours since 1 January 00:00, for the schedule. */
  readonly hour: number;
  /** Outdoor air temperature, °C. */
  readonly outdoorTemperature: number;
  /** Return (zone) air temperature, °C. */
  readonly returnTemperature: number;
  /** Airflow the terminals ask for (sum of VAV flows), m³/s. */
  readonly airflowDemand: number;
  /** Step length, s. */
  readonly seconds: number;
}

/** One AHU step's state, powers (W) and energy (J). */
export interface AhuStepResult {
  readonly on: boolean;
  /** Supplied airflow, m³/s. */
  readonly airflow: number;
  /** Outdoor-air part of it, m³/s (ventilation for CO2). */
  readonly outdoorAirFlow: number;
  /** Mixed air after heat recovery, °C. */
  readonly mixedTemperature: number;
  /** Supply air leaving the coils, °C (equals the setpoint unless capacity-limited). */
  readonly supplyTemperature: number;
  /** Heat delivered by the heating coil, W. */
  readonly heatingPower: number;
  /** Heat removed by the cooling coil (positive), W. */
  readonly coolingPower: number;
  /** Coil load the AHU could not meet, W (positive heating, negative cooling). */
  readonly unmetPower: number;
  /** Fan electric power, W. */
  readonly fanPower: number;
  /** Heating input (fuel or electricity), W. */
  readonly heatingInputPower: number;
  /** Cooling electric input, W. */
  readonly coolingInputPower: number;
  /** Energy input over the step (fan + heating + cooling), J. */
  readonly energy: number;
}

/** Fraction of design fan power at a part-load airflow ratio (ASHRAE 90.1-2016 Table G3.1.3.15, method 1). */
export function vavFanPowerFraction(partLoadRatio: number): number {
  const x = Math.min(1, Math.max(0, partLoadRatio));
  return 0.0013 + 0.147 * x + 0.9506 * x * x - 0.0998 * x * x * x;
}

const CONTEXT = 'AirHandlingUnit';

/** An air-handling unit holding a supply-air setpoint for the VAV boxes it serves. */
export class AirHandlingUnit {
  private readonly p: Required<AhuParams>;
  /** Current failure; 'none' when healthy. */
  failure: AhuFailure = 'none';
  private degradation: Required<AhuDegradation> = { capacity: 0, cop: 0, fan: 0 };

  constructor(params: AhuParams) {
    this.p = {
      maxAirflow: positive(CONTEXT, 'maxAirflow', params.maxAirflow),
      supplyTemperatureSetpoint: finite(CONTEXT, 'supplyTemperatureSetpoint', params.supplyTemperatureSetpoint ?? 13),
      minOutdoorAirFraction: inRange(CONTEXT, 'minOutdoorAirFraction', params.minOutdoorAirFraction ?? 0.2, 0, 1),
      heatingCapacity: capacity(CONTEXT, 'heatingCapacity', params.heatingCapacity ?? Infinity),
      coolingCapacity: capacity(CONTEXT, 'coolingCapacity', params.coolingCapacity ?? Infinity),
      heatingCop: positive(CONTEXT, 'heatingCop', params.heatingCop ?? 0.9),
      coolingCop: positive(CONTEXT, 'coolingCop', params.coolingCop ?? 3.5),
      designFanPower: nonNegative(CONTEXT, 'designFanPower', params.designFanPower),
      heatRecoveryEfficiency: inRange(CONTEXT, 'heatRecoveryEfficiency', params.heatRecoveryEfficiency ?? 0, 0, 1),
      schedule: checkSchedule(CONTEXT, params.schedule ?? 'always'),
      firstWeekday: inRange(CONTEXT, 'firstWeekday', params.firstWeekday ?? 0, 0, 6),
    };
  }

  /** Sets gradual degradation (fractions; see AhuDegradation). */
  degrade(degradation: AhuDegradation): void {
    this.degradation = {
      capacity: inRange(CONTEXT, 'degradation.capacity', degradation.capacity ?? 0, 0, 1),
      cop: inRange(CONTEXT, 'degradation.cop', degradation.cop ?? 0, 0, 0.99),
      fan: nonNegative(CONTEXT, 'degradation.fan', degradation.fan ?? 0),
    };
  }

  /** Advances one step: mixes, conditions and moves the air, and returns powers and energy. */
  step(input: AhuStepInput): AhuStepResult {
    const hour = finite(CONTEXT, 'hour', input.hour);
    const tOut = finite(CONTEXT, 'outdoorTemperature', input.outdoorTemperature);
    const tRet = finite(CONTEXT, 'returnTemperature', input.returnTemperature);
    const demand = nonNegative(CONTEXT, 'airflowDemand', input.airflowDemand);
    const seconds = positive(CONTEXT, 'seconds', input.seconds);
    if (!['none', 'fan', 'heating', 'cooling'].includes(this.failure)) throw invalidArgument(CONTEXT, 'failure', this.failure, "'none', 'fan', 'heating' or 'cooling'");
    const p = this.p;
    const on = this.failure !== 'fan' && isScheduledOn(p.schedule, hour, p.firstWeekday);
    // Heat recovery preheats (or precools) the outdoor air with the exhaust (EN 13053 effectiveness).
    const tOa = tOut + p.heatRecoveryEfficiency * (tRet - tOut);
    const mixed = p.minOutdoorAirFraction * tOa + (1 - p.minOutdoorAirFraction) * tRet;
    if (!on) {
      return { on, airflow: 0, outdoorAirFlow: 0, mixedTemperature: mixed, supplyTemperature: mixed, heatingPower: 0, coolingPower: 0, unmetPower: 0, fanPower: 0, heatingInputPower: 0, coolingInputPower: 0, energy: 0 };
    }
    const airflow = Math.min(demand, p.maxAirflow);
    const capacityFactor = 1 - this.degradation.capacity;
    const heatCap = this.failure === 'heating' ? 0 : p.heatingCapacity * capacityFactor;
    const coolCap = this.failure === 'cooling' ? 0 : p.coolingCapacity * capacityFactor;
    // Sensible coil load to bring the mixed air to the setpoint: ρc·V̇·(θ_set − θ_mix).
    const load = AIR_HEAT_CAPACITY * airflow * (p.supplyTemperatureSetpoint - mixed);
    const delivered = load > 0 ? Math.min(load, heatCap) : Math.max(load, -coolCap);
    const supply = airflow > 0 ? mixed + delivered / (AIR_HEAT_CAPACITY * airflow) : mixed;
    const heatingPower = delivered > 0 ? delivered : 0;
    const coolingPower = delivered < 0 ? -delivered : 0;
    const copFactor = 1 - this.degradation.cop;
    const fanPower = p.designFanPower * vavFanPowerFraction(airflow / p.maxAirflow) * (1 + this.degradation.fan);
    const heatingInputPower = heatingPower / (p.heatingCop * copFactor);
    const coolingInputPower = coolingPower / (p.coolingCop * copFactor);
    return {
      on,
      airflow,
      outdoorAirFlow: airflow * p.minOutdoorAirFraction,
      mixedTemperature: mixed,
      supplyTemperature: supply,
      heatingPower,
      coolingPower,
      unmetPower: load - delivered,
      fanPower,
      heatingInputPower,
      coolingInputPower,
      energy: (fanPower + heatingInputPower + coolingInputPower) * seconds,
    };
  }
}
