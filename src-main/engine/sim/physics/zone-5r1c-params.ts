// Parameters of the ISO 13790 Annex C 5R1C zone, their defaults, their checks, and the
// conductances and capacity they define (clause numbers are ISO 13790:2008).
import { capacity, finite, inRange, invalidArgument, nonNegative, positive, stepSecondsOf } from './validate';

/** Volumetric heat capacity of air ρ·c_a, J/(m³·K) (ISO 13790 9.3.1, eq. 21: 1200 J/(m³·K)). */
export const AIR_HEAT_CAPACITY = 1200;
/** Heat transfer coefficient between the air and the surface node h_is, W/(m²·K) (ISO 13790 7.2.2.2, eq. 9). */
export const H_IS = 3.45;
/** Heat transfer coefficient between the mass and the surface node h_ms, W/(m²·K) (ISO 13790 12.2.2, eq. 64). */
export const H_MS = 9.1;

/** What a caller gives to build a 5R1C zone (SI units; HVAC acts on the air node). */
export interface Zone5R1CParams {
  /** Conditioned floor area A_f, m². */
  readonly floorArea: number;
  /** Air volume of the zone, m³. */
  readonly volume: number;
  /** Area of all surfaces facing the zone A_t, m² (default 4.5·A_f, ISO 13790 7.2.2.2). */
  readonly totalSurfaceArea?: number;
  /** Glazed area to outside, m². */
  readonly windowArea: number;
  /** U-value of the glazing, W/(m²·K). */
  readonly windowU: number;
  /** Opaque envelope area to outside, m². */
  readonly opaqueArea: number;
  /** U-value of the opaque envelope, W/(m²·K). */
  readonly opaqueU: number;
  /** Mechanical ventilation, air changes per hour (1/h). */
  readonly ventilationAch: number;
  /** Infiltration, air changes per hour (1/h); default 0. */
  readonly infiltrationAch?: number;
  /** Sensible heat-recovery efficiency on the mechanical ventilation, 0…1; default 0. */
  readonly heatRecoveryEfficiency?: number;
  /** Internal heat capacity per floor area κ, J/(m²·K); default 165 000 (medium, ISO 13790 Table 12). */
  readonly thermalCapacityPerFloorArea?: number;
  /** Effective mass area A_m as a multiple of A_f; default 2.5 (medium, ISO 13790 Table 12). */
  readonly massAreaFactor?: number;
  /** Heating setpoint of the air, °C; default 20. */
  readonly heatingSetpoint?: number;
  /** Cooling setpoint of the air, °C; default 26. */
  readonly coolingSetpoint?: number;
  /** Heating capacity, W (≥ 0, Infinity for unlimited); default Infinity. */
  readonly maxHeatingPower?: number;
  /** Cooling capacity as a positive number, W (≥ 0, Infinity for unlimited); default Infinity. */
  readonly maxCoolingPower?: number;
  /** Mass node temperature at the start, °C; default 20. */
  readonly initialMassTemperature?: number;
  /** Length of one step, s; must divide 3600; default 3600 (the hourly method). */
  readonly stepSeconds?: number;
}

/** Parameters with every default applied and every check passed. */
export type ResolvedZone5R1CParams = { readonly [K in keyof Zone5R1CParams]-?: number };

/** The 5R1C network of one zone: five conductances (W/K), one capacity (J/K) and the gain split. */
export interface Zone5R1CNetwork {
  /** Ventilation H_ve,adj, W/K (ISO 13790 9.3, eq. 21, with heat recovery as b_ve = 1 − η). */
  readonly hVe: number;
  /** Air to surface H_tr,is = h_is·A_t, W/K (eq. 9). */
  readonly hIs: number;
  /** Glazing H_tr,w = U_w·A_w, W/K (8.3). */
  readonly hW: number;
  /** Opaque envelope to the mass node H_tr,em, W/K (taken as U_op·A_op, as RC_BuildingSimulator does). */
  readonly hEm: number;
  /** Mass to surface H_tr,ms = h_ms·A_m, W/K (eq. 64). */
  readonly hMs: number;
  /** Internal heat capacity C_m = κ·A_f, J/K (12.3.1). */
  readonly cM: number;
  /** Share of (½ internal + solar) gains to the mass node, A_m/A_t (eq. C.3). */
  readonly massShare: number;
  /** Share of (½ internal + solar) gains to the surface node, 1 − A_m/A_t − H_tr,w/(9.1·A_t) (eq. C.2). */
  readonly surfaceShare: number;
}

const CONTEXT = 'Zone5R1C';

/** Applies defaults and rejects non-physical parameters with an InvalidArgument naming the field. */
export function resolveZone5R1CParams(params: Zone5R1CParams, context = CONTEXT): ResolvedZone5R1CParams {
  if (typeof params !== 'object' || params === null) throw invalidArgument(context, 'params', params, 'an object');
  const floorArea = positive(context, 'floorArea', params.floorArea);
  const volume = positive(context, 'volume', params.volume);
  const totalSurfaceArea = positive(context, 'totalSurfaceArea', params.totalSurfaceArea ?? 4.5 * floorArea);
  const windowArea = nonNegative(context, 'windowArea', params.windowArea);
  const windowU = nonNegative(context, 'windowU', params.windowU);
  const opaqueArea = nonNegative(context, 'opaqueArea', params.opaqueArea);
  const opaqueU = nonNegative(context, 'opaqueU', params.opaqueU);
  const ventilationAch = nonNegative(context, 'ventilationAch', params.ventilationAch);
  const infiltrationAch = nonNegative(context, 'infiltrationAch', params.infiltrationAch ?? 0);
  const heatRecoveryEfficiency = inRange(context, 'heatRecoveryEfficiency', params.heatRecoveryEfficiency ?? 0, 0, 1);
  const thermalCapacityPerFloorArea = positive(context, 'thermalCapacityPerFloorArea', params.thermalCapacityPerFloorArea ?? 165_000);
  const massAreaFactor = positive(context, 'massAreaFactor', params.massAreaFactor ?? 2.5);
  const heatingSetpoint = finite(context, 'heatingSetpoint', params.heatingSetpoint ?? 20);
  const coolingSetpoint = finite(context, 'coolingSetpoint', params.coolingSetpoint ?? 26);
  const maxHeatingPower = capacity(context, 'maxHeatingPower', params.maxHeatingPower ?? Infinity);
  const maxCoolingPower = capacity(context, 'maxCoolingPower', params.maxCoolingPower ?? Infinity);
  const initialMassTemperature = finite(context, 'initialMassTemperature', params.initialMassTemperature ?? 20);
  const stepSeconds = stepSecondsOf(context, params.stepSeconds ?? 3600);

  if (heatingSetpoint > coolingSetpoint) {
    throw invalidArgument(context, 'heatingSetpoint', heatingSetpoint, `≤ coolingSetpoint (${coolingSetpoint})`);
  }
  if (infiltrationAch + ventilationAch * (1 - heatRecoveryEfficiency) <= 0) {
    // Eq. C.5, C.10 divide by H_ve: a zone sealed from outside air has no air-node solution.
    throw invalidArgument(context, 'ventilationAch', ventilationAch, 'such that ventilation + infiltration, after heat recovery, is > 0');
  }
  const massArea = massAreaFactor * floorArea;
  // Eq. C.2: the surface share of the gains must not be negative.
  if (1 - massArea / totalSurfaceArea - (windowU * windowArea) / (H_MS * totalSurfaceArea) < 0) {
    throw invalidArgument(context, 'totalSurfaceArea', totalSurfaceArea, `≥ A_m + H_tr,w/9.1 = ${massArea + (windowU * windowArea) / H_MS} m²`);
  }
  return {
    floorArea,
    volume,
    totalSurfaceArea,
    windowArea,
    windowU,
    opaqueArea,
    opaqueU,
    ventilationAch,
    infiltrationAch,
    heatRecoveryEfficiency,
    thermalCapacityPerFloorArea,
    massAreaFactor,
    heatingSetpoint,
    coolingSetpoint,
    maxHeatingPower,
    maxCoolingPower,
    initialMassTemperature,
    stepSeconds,
  };
}

/** Ventilation conductance H_ve,adj, W/K: ρc·V·(n_inf + n_vent·(1 − η))/3600 (ISO 13790 9.3.1, eq. 21). */
export function ventilationConductance(volume: number, ventilationAch: number, infiltrationAch: number, heatRecoveryEfficiency: number): number {
  return (AIR_HEAT_CAPACITY * volume * (infiltrationAch + ventilationAch * (1 - heatRecoveryEfficiency))) / 3600;
}

/** The 5R1C network (conductances, capacity, gain shares) of resolved parameters. */
export function zone5R1CNetwork(p: ResolvedZone5R1CParams): Zone5R1CNetwork {
  const massArea = p.massAreaFactor * p.floorArea;
  const hW = p.windowU * p.windowArea;
  return {
    hVe: ventilationConductance(p.volume, p.ventilationAch, p.infiltrationAch, p.heatRecoveryEfficiency),
    hIs: H_IS * p.totalSurfaceArea,
    hW,
    hEm: p.opaqueU * p.opaqueArea,
    hMs: H_MS * massArea,
    cM: p.thermalCapacityPerFloorArea * p.floorArea,
    massShare: massArea / p.totalSurfaceArea,
    surfaceShare: 1 - massArea / p.totalSurfaceArea - hW / (H_MS * p.totalSurfaceArea),
  };
}
