// The mutable controls of every zone during a run, and how interventions change them.
import type { Intervention } from '../../../../src-shared/contract';
import type { BoundModel } from '../binding/bound-model';

/** Failure bits of a zone's plant. */
export const FAN_FAILED = 1;
export const HEATING_FAILED = 2;
export const COOLING_FAILED = 4;

const failureBits = { fan: FAN_FAILED, heating: HEATING_FAILED, cooling: COOLING_FAILED } as const;

/** Per-zone controls as typed arrays, initialised from the binding. */
export class ZoneControls {
  readonly heatingSetpoint: Float64Array;
  readonly coolingSetpoint: Float64Array;
  readonly setbackHeatingSetpoint: Float64Array;
  readonly ventilationAch: Float64Array;
  readonly lightingPowerDensity: Float64Array;
  readonly equipmentPowerDensity: Float64Array;
  readonly occupancyFactor: Float64Array;
  readonly failures: Uint8Array;

  constructor(private readonly model: BoundModel) {
    const zones = model.zones;
    this.heatingSetpoint = Float64Array.from(zones, (z) => z.heatingSetpoint);
    this.coolingSetpoint = Float64Array.from(zones, (z) => z.coolingSetpoint);
    this.setbackHeatingSetpoint = Float64Array.from(zones, (z) => z.setbackHeatingSetpoint);
    this.ventilationAch = Float64Array.from(zones, (z) => z.ventilationAch);
    this.lightingPowerDensity = Float64Array.from(zones, (z) => z.lightingPowerDensity);
    this.equipmentPowerDensity = Float64Array.from(zones, (z) => z.equipmentPowerDensity);
    this.occupancyFactor = new Float64Array(zones.length).fill(1);
    this.failures = new Uint8Array(zones.length);
  }

  /** The zones an intervention acts on: its target's, or all of them. */
  private zonesOf(target: string | undefined): readonly number[] {
    if (target === undefined) return this.model.zones.map((_, i) => i);
    return this.model.targets[target] ?? [];
  }

  /**
   * Applies one intervention; heating and cooling setpoints are kept in order (the other follows).
   * Outdoor offsets act on the weather, which the step table computes ahead of the run.
   */
  apply(intervention: Intervention): void {
    switch (intervention.kind) {
      case 'set':
        for (const z of this.zonesOf(intervention.target)) {
          if (intervention.property === 'heatingSetpoint') this.setSetpoints(z, intervention.value, undefined);
          else if (intervention.property === 'coolingSetpoint') this.setSetpoints(z, undefined, intervention.value);
          else this[intervention.property][z] = intervention.value;
        }
        return;
      case 'setpoint':
        for (const z of this.zonesOf(intervention.target)) this.setSetpoints(z, intervention.heating, intervention.cooling);
        return;
      case 'fail': {
        const bits = failureBits[intervention.failure ?? 'fan'];
        for (const z of this.zonesOf(intervention.target)) this.failures[z]! |= bits;
        return;
      }
      case 'restore':
        for (const z of this.zonesOf(intervention.target)) this.failures[z] = 0;
        return;
      case 'scaleOccupancy':
        for (const z of this.zonesOf(intervention.target)) this.occupancyFactor[z] = intervention.factor;
        return;
      case 'offsetOutdoorTemperature':
        return;
    }
  }

  private setSetpoints(z: number, heating: number | undefined, cooling: number | undefined): void {
    if (heating !== undefined) {
      this.heatingSetpoint[z] = heating;
      this.setbackHeatingSetpoint[z] = Math.min(this.setbackHeatingSetpoint[z]!, heating);
      if (cooling === undefined && this.coolingSetpoint[z]! < heating) this.coolingSetpoint[z] = heating;
    }
    if (cooling !== undefined) {
      this.coolingSetpoint[z] = cooling;
      if (heating === undefined && this.heatingSetpoint[z]! > cooling) this.heatingSetpoint[z] = cooling;
      this.setbackHeatingSetpoint[z] = Math.min(this.setbackHeatingSetpoint[z]!, this.heatingSetpoint[z]!);
    }
  }
}
