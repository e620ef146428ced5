// The zones' fixed data for a run, one typed array per quantity: the kernel's loops touch no
// objects. What a zone-step would otherwise recompute from constants is computed here once.
import type { BoundModel, BoundZone, Facade } from '../binding/bound-model';
import { co2GenerationPerPerson, MET, pmvSensitivity, vavFanPowerFraction } from '../physics';

/** Sensible share of the occupants' metabolic heat (the rest is latent, not modelled). */
export const SENSIBLE_HEAT_SHARE = 0.6;
/** The flow fraction of a VAV box at its minimum: the fan's part load while nothing is cooled. */
export const MIN_FLOW_FRACTION = 0.3;

/** Index of a façade in the step table's irradiance. */
const facadeIndex: Readonly<Record<Exclude<Facade, 'none'>, number>> = { south: 0, west: 1, north: 2, east: 3 };

/** A zone's fixed data, one typed array per quantity. */
export interface ZoneArrays {
  readonly from: Float64Array;
  readonly until: Float64Array;
  /** Bit d set: occupied on weekday d (0 = Monday). */
  readonly days: Uint8Array;
  /** People at full occupancy × the mean fraction present. */
  readonly people: Float64Array;
  readonly area: Float64Array;
  readonly volume: Float64Array;
  readonly infiltration: Float64Array;
  readonly sensibleHeat: Float64Array;
  /** CO2 per person, m³/s. */
  readonly generation: Float64Array;
  /** Metabolic rate M, W/m². */
  readonly metabolicPower: Float64Array;
  /** Eq. 1's 0.303·e^(−0.036·M) + 0.028 of the zone's occupants. */
  readonly pmvSensitivity: Float64Array;
  /** g × (1 − frame) × window area: solar gain per W/m² on the facade (0 without windows to the sky). */
  readonly windowGain: Float64Array;
  /** Façade of the windows: 0 south, 1 west, 2 north, 3 east (0 with no windows to the sky). */
  readonly facade: Uint8Array;
  readonly served: Uint8Array;
  readonly maxHeat: Float64Array;
  readonly maxCool: Float64Array;
  readonly fanPower: Float64Array;
  /** Fan power while the plant runs and nothing is cooled: the design share at the minimum flow. */
  readonly fanIdlePower: Float64Array;
  /** Heat exchange with the zone's building, W/K, and the building's index (−1: none). */
  readonly adjacentConductance: Float64Array;
  readonly building: Int32Array;
  /** The zone's share of its building's exchange, H ÷ ΣH of the building (0: none): its weight in the building's mean. */
  readonly adjacentWeight: Float64Array;
  /** Buildings that exchange any heat (0: no exchange anywhere). */
  readonly buildingCount: number;
}

/** The fixed data of the model's zones. */
export function zoneArrays(model: BoundModel): ZoneArrays {
  const zones = model.zones;
  const of = (pick: (zone: BoundZone) => number) => Float64Array.from(zones, pick);
  const idleFraction = vavFanPowerFraction(MIN_FLOW_FRACTION);
  return {
    from: of((z) => z.occupiedFrom),
    until: of((z) => z.occupiedUntil),
    days: Uint8Array.from(zones, (z) => z.occupiedDays.reduce((bits, on, d) => (on ? bits | (1 << d) : bits), 0)),
    people: of((z) => z.peopleMax * z.occupancyFraction),
    area: of((z) => z.params.floorArea),
    volume: of((z) => z.params.volume),
    infiltration: of((z) => z.params.infiltrationAch ?? 0),
    sensibleHeat: of((z) => z.metabolicRate * MET * 1.8 * SENSIBLE_HEAT_SHARE),
    generation: of((z) => co2GenerationPerPerson(z.metabolicRate)),
    metabolicPower: of((z) => z.metabolicRate * MET),
    pmvSensitivity: of((z) => pmvSensitivity(z.metabolicRate * MET)),
    windowGain: of((z) => (z.facade === 'none' ? 0 : z.gValue * 0.7 * z.windowArea)),
    facade: Uint8Array.from(zones, (z) => (z.facade === 'none' ? 0 : facadeIndex[z.facade])),
    served: Uint8Array.from(zones, (z) => (z.ahu >= 0 ? 1 : 0)),
    maxHeat: of((z) => z.params.maxHeatingPower ?? Infinity),
    maxCool: of((z) => z.params.maxCoolingPower ?? Infinity),
    fanPower: of((z) => z.fanPowerDesign),
    fanIdlePower: of((z) => z.fanPowerDesign * idleFraction),
    ...buildingExchange(zones),
  };
}

/** Each zone's exchange with its building and its weight in the building's mean; buildings with no exchange count as none. */
function buildingExchange(zones: readonly BoundZone[]): Pick<ZoneArrays, 'adjacentConductance' | 'adjacentWeight' | 'building' | 'buildingCount'> {
  const total = new Map<number, number>();
  for (const z of zones) if (z.building >= 0) total.set(z.building, (total.get(z.building) ?? 0) + z.adjacentConductance);
  const exchanges = (z: BoundZone) => z.building >= 0 && total.get(z.building)! > 0;
  const building = Int32Array.from(zones, (z) => (exchanges(z) ? z.building : -1));
  return {
    adjacentConductance: Float64Array.from(zones, (z) => (exchanges(z) ? z.adjacentConductance : 0)),
    adjacentWeight: Float64Array.from(zones, (z) => (exchanges(z) ? z.adjacentConductance / total.get(z.building)! : 0)),
    building,
    buildingCount: building.reduce((count, b) => Math.max(count, b + 1), 0),
  };
}
