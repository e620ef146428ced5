// The ISO 13790:2008 Annex C simple hourly method (5R1C), written clause by clause so it reads
// against the standard. This per-zone class is the reference; Zone5R1CBatch is the fast path and
// is tested against it.
import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import { finite, invalidArgument, nonNegative } from './validate';
import {
  resolveZone5R1CParams,
  ventilationConductance,
  zone5R1CNetwork,
  type ResolvedZone5R1CParams,
  type Zone5R1CNetwork,
  type Zone5R1CParams,
} from './zone-5r1c-params';

/** Inputs of one step: means over the step. */
export interface Zone5R1CInput {
  /** Outdoor (and supply) air temperature θ_e = θ_sup, °C. */
  readonly outdoorTemperature: number;
  /** Internal heat gains Φ_int, W (half to the air node, eq. C.1). */
  readonly internalGains: number;
  /** Solar heat gains through the glazing Φ_sol, W. */
  readonly solarGains: number;
  /** Heating setpoint for this step, °C; default the zone's. */
  readonly heatingSetpoint?: number;
  /** Cooling setpoint for this step, °C; default the zone's. */
  readonly coolingSetpoint?: number;
  /** False when the HVAC is off (scheduled off or failed): the zone floats; default true. */
  readonly hvacAvailable?: boolean;
}

/** Outputs of one step. */
export interface Zone5R1CResult {
  /** Heating (+) or cooling (−) power delivered to the air node Φ_HC,nd, W (mean over the step). */
  readonly heatingCoolingPower: number;
  /** Air temperature θ_air, °C (eq. C.11). */
  readonly airTemperature: number;
  /** Surface temperature θ_s, °C (eq. C.10). */
  readonly surfaceTemperature: number;
  /** Mass temperature θ_m, the mean of the step's start and end (eq. C.9), °C. */
  readonly massTemperature: number;
  /** Operative temperature θ_op = 0.3·θ_air + 0.7·θ_s, °C (eq. C.12). */
  readonly operativeTemperature: number;
  /** Mass temperature at the end of the step θ_m,t (eq. C.4), °C: the state carried forward. */
  readonly massTemperatureEnd: number;
}

/** Node temperatures for one heating/cooling power (the inner solve of C.3). */
interface NodeTemperatures {
  readonly massEnd: number;
  readonly mass: number;
  readonly surface: number;
  readonly air: number;
}

const CONTEXT = 'Zone5R1C';
/** A temperature beyond this (°C) means the step diverged, not that the building is hot. */
export const DIVERGENCE_LIMIT = 1000;

/** One thermal zone by the ISO 13790 Annex C 5R1C method with Crank–Nicolson mass update. */
export class Zone5R1C {
  /** Resolved parameters (defaults applied). */
  readonly params: ResolvedZone5R1CParams;
  private network: Zone5R1CNetwork;
  private massEnd: number;
  private stepIndex = 0;

  constructor(params: Zone5R1CParams) {
    this.params = resolveZone5R1CParams(params, CONTEXT);
    this.network = zone5R1CNetwork(this.params);
    this.massEnd = this.params.initialMassTemperature;
  }

  /** Conductances (W/K), capacity (J/K) and gain shares currently in use. */
  get conductances(): Zone5R1CNetwork {
    return this.network;
  }

  /** Mass temperature θ_m,t at the end of the last step (the state), °C. */
  get massTemperatureState(): number {
    return this.massEnd;
  }

  /** Steps taken since construction or the last reset. */
  get steps(): number {
    return this.stepIndex;
  }

  /** Changes the mechanical ventilation (1/h), e.g. when an AHU starts or stops; H_ve is recomputed. */
  setVentilationAch(ventilationAch: number): void {
    const ach = nonNegative(CONTEXT, 'ventilationAch', ventilationAch);
    const p = this.params;
    const hVe = ventilationConductance(p.volume, ach, p.infiltrationAch, p.heatRecoveryEfficiency);
    if (!(hVe > 0)) throw invalidArgument(CONTEXT, 'ventilationAch', ventilationAch, 'such that ventilation + infiltration, after heat recovery, is > 0');
    this.network = { ...this.network, hVe };
  }

  /** Restarts from a mass temperature (°C), default the initial one. */
  reset(massTemperature = this.params.initialMassTemperature): void {
    this.massEnd = finite(CONTEXT, 'massTemperature', massTemperature);
    this.stepIndex = 0;
  }

  /** Advances one step (stepSeconds, default one hour) and returns the step's powers and temperatures. */
  step(input: Zone5R1CInput): Zone5R1CResult {
    if (typeof input !== 'object' || input === null) throw invalidArgument(CONTEXT, 'input', input, 'an object');
    const thetaE = finite(CONTEXT, 'outdoorTemperature', input.outdoorTemperature);
    const phiInt = finite(CONTEXT, 'internalGains', input.internalGains);
    const phiSol = finite(CONTEXT, 'solarGains', input.solarGains);
    const setHeat = finite(CONTEXT, 'heatingSetpoint', input.heatingSetpoint ?? this.params.heatingSetpoint);
    const setCool = finite(CONTEXT, 'coolingSetpoint', input.coolingSetpoint ?? this.params.coolingSetpoint);
    if (setHeat > setCool) throw invalidArgument(CONTEXT, 'heatingSetpoint', setHeat, `≤ coolingSetpoint (${setCool})`);
    const hvacAvailable = input.hvacAvailable ?? true;

    const massStart = this.massEnd;
    const solve = (phiHC: number): NodeTemperatures => this.nodeTemperatures(massStart, thetaE, phiInt, phiSol, phiHC);

    // C.4.2 step 1: the free-floating air temperature decides whether heating or cooling is needed.
    const free = solve(0);
    let phiHC = 0;
    let nodes = free;
    if (hvacAvailable && (free.air < setHeat || free.air > setCool)) {
      // C.4.2 step 2: with 10 W/m² applied, interpolate linearly to the setpoint (eq. C.13).
      const setpoint = free.air < setHeat ? setHeat : setCool;
      const phi10 = 10 * this.params.floorArea;
      const ten = solve(phi10);
      const unrestricted = (phi10 * (setpoint - free.air)) / (ten.air - free.air);
      // C.4.2 steps 3–4: within capacity the setpoint is met, otherwise the capacity is delivered.
      phiHC = Math.min(this.params.maxHeatingPower, Math.max(-this.params.maxCoolingPower, unrestricted));
      nodes = solve(phiHC);
    }

    const result: Zone5R1CResult = {
      heatingCoolingPower: phiHC,
      airTemperature: nodes.air,
      surfaceTemperature: nodes.surface,
      massTemperature: nodes.mass,
      operativeTemperature: 0.3 * nodes.air + 0.7 * nodes.surface,
      massTemperatureEnd: nodes.massEnd,
    };
    if (!(Math.abs(nodes.massEnd) < DIVERGENCE_LIMIT && Math.abs(nodes.air) < DIVERGENCE_LIMIT && Math.abs(nodes.surface) < DIVERGENCE_LIMIT)) {
      throw divergenceError(CONTEXT, 0, this.stepIndex, { outdoorTemperature: thetaE, internalGains: phiInt, solarGains: phiSol, massTemperature: massStart }, this.params.floorArea, { ...result });
    }
    this.massEnd = nodes.massEnd;
    this.stepIndex++;
    return result;
  }

  /** Eqs. C.1–C.11 for a given heating/cooling power on the air node. */
  private nodeTemperatures(massStart: number, thetaE: number, phiInt: number, phiSol: number, phiHC: number): NodeTemperatures {
    const { hVe, hIs, hW, hEm, hMs, cM, massShare, surfaceShare } = this.network;
    const thetaSup = thetaE; // supply air at outdoor temperature; heat recovery is in H_ve (9.3.2)
    // C.1–C.3: gains split between air, surface and mass nodes.
    const phiIa = 0.5 * phiInt + phiHC;
    const phiSt = surfaceShare * (0.5 * phiInt + phiSol);
    const phiM = massShare * (0.5 * phiInt + phiSol);
    // C.6–C.8: series/parallel combinations.
    const h1 = 1 / (1 / hVe + 1 / hIs);
    const h2 = h1 + hW;
    const h3 = 1 / (1 / h2 + 1 / hMs);
    // C.5 and C.4: Crank–Nicolson update of the mass node over Δt (Δt = 3600 s in the hourly method).
    const phiMTot = phiM + hEm * thetaE + (h3 * (phiSt + hW * thetaE + h1 * (phiIa / hVe + thetaSup))) / h2;
    const c = cM / this.params.stepSeconds;
    const massEnd = (massStart * (c - 0.5 * (h3 + hEm)) + phiMTot) / (c + 0.5 * (h3 + hEm));
    // C.9: the mass temperature of the step is the mean of its start and end.
    const mass = 0.5 * (massEnd + massStart);
    // C.10, C.11: surface and air nodes.
    const surface = (hMs * mass + phiSt + hW * thetaE + h1 * (thetaSup + phiIa / hVe)) / (hMs + hW + h1);
    const air = (hIs * surface + hVe * thetaSup + phiIa) / (hIs + hVe);
    return { massEnd, mass, surface, air };
  }
}

/** Builds the error for a step whose result is not finite or not plausible, naming the inputs that caused it. */
export function divergenceError(
  context: string,
  zone: number,
  step: number,
  inputs: Readonly<Record<string, number>>,
  floorArea: number,
  result: Readonly<Record<string, number>>,
): EngineError {
  const causes: string[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    const gain = name.endsWith('Gains');
    // Plausible: |θ| ≤ 100 °C, |Φ| ≤ 10 kW per m² of floor.
    if (!Number.isFinite(value) || (gain ? Math.abs(value) > 10_000 * floorArea : Math.abs(value) > 100)) causes.push(name);
  }
  const parameter = causes[0] ?? 'massTemperature';
  return new EngineError(ErrorCode.InvalidArgument, `${context}: zone ${zone} step ${step} produced a non-finite or diverging temperature; caused by ${causes.length > 0 ? causes.join(', ') : 'the state'}`, {
    parameter,
    value: inputs[parameter],
    expected: 'inputs that keep temperatures finite and within ±1000 °C',
    zone,
    step,
    causes,
    inputs,
    result,
  });
}
