// The graph bound to physics: plain, structured-cloneable data a worker can take.
import type { Zone5R1CParams } from '../physics';

/** Which way a zone's windows face. */
export type Facade = 'north' | 'south' | 'east' | 'west' | 'none';

/** A room as a thermal zone, with its occupancy, loads and plant. */
export interface BoundZone {
  readonly id: string;
  readonly roomType: string;
  /** The 5R1C parameters, setpoints and capacities included. */
  readonly params: Zone5R1CParams & { readonly floorArea: number; readonly volume: number };
  /** People at full occupancy, and the mean fraction present in occupied hours. */
  readonly peopleMax: number;
  readonly occupancyFraction: number;
  readonly occupiedFrom: number;
  readonly occupiedUntil: number;
  readonly occupiedDays: readonly boolean[];
  readonly lightingPowerDensity: number;
  readonly equipmentPowerDensity: number;
  readonly metabolicRate: number;
  /** Mechanical (outdoor) air when its AHU runs, 1/h. */
  readonly ventilationAch: number;
  readonly heatingSetpoint: number;
  readonly coolingSetpoint: number;
  /** Heating setpoint outside occupied hours, °C. */
  readonly setbackHeatingSetpoint: number;
  readonly windowArea: number;
  readonly gValue: number;
  readonly facade: Facade;
  /** Index of the AHU and VAV that serve it, −1 for none. */
  readonly ahu: number;
  readonly vav: number;
  /** Design fan power attributed to this zone (its share of its AHU's airflow), W. */
  readonly fanPowerDesign: number;
  readonly initialCo2: number;
  /** Heat exchange with the rest of its building through partitions, floors and ceilings, W/K (0: none). */
  readonly adjacentConductance: number;
  /** Index of its building (the container of its container), whose rooms it exchanges heat with; −1 for none. */
  readonly building: number;
}

/** An air-handling unit. */
export interface BoundAhu {
  readonly id: string;
  readonly fanPower: number;
  readonly heatRecoveryEfficiency: number;
  readonly supplyTemperature: number;
}

/** A VAV box. */
export interface BoundVav {
  readonly id: string;
  readonly ahu: number;
  readonly maxAirflow: number;
  readonly hasReheat: boolean;
}

/** Everything a run needs from the graph. */
export interface BoundModel {
  readonly zones: readonly BoundZone[];
  readonly ahus: readonly BoundAhu[];
  readonly vavs: readonly BoundVav[];
  /** For every twin a scenario names: the indices of the zones it is, contains or serves. */
  readonly targets: Readonly<Record<string, readonly number[]>>;
  readonly heatingCop: number;
  readonly coolingCop: number;
  /** Movable shading: solar gains × `factor` where the façade's irradiance exceeds `threshold` (W/m²); factor 1 for none. */
  readonly solarShading: { readonly threshold: number; readonly factor: number };
  /** Latitude and longitude of the site when the graph gives them (degrees). */
  readonly site?: { readonly latitude: number; readonly longitude: number };
}
