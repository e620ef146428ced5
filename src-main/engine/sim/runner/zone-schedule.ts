// When a zone is occupied and when its plant runs, from its room type's days and hours, and the
// steps at which each schedule starts or stops: between those steps a zone's gains and controls
// stay as they are, so the kernel recomputes them only for the zones whose schedule changed.
import type { StepTable } from './step-table';
import type { ZoneArrays } from './zone-arrays';

/** Plant and ventilation start this many hours before occupancy. */
export const PRESTART_HOURS = 1;

/** True when zone z is occupied at this hour of the day on this weekday (0 = Monday). */
export function isOccupied(z$: ZoneArrays, z: number, weekday: number, hourOfDay: number): boolean {
  return ((z$.days[z]! >> weekday) & 1) === 1 && hourOfDay >= z$.from[z]! && hourOfDay < z$.until[z]!;
}

/** True when zone z's plant runs (occupied hours and the pre-start before them). */
export function isRunning(z$: ZoneArrays, z: number, weekday: number, hourOfDay: number): boolean {
  return ((z$.days[z]! >> weekday) & 1) === 1 && hourOfDay >= z$.from[z]! - PRESTART_HOURS && hourOfDay < z$.until[z]!;
}

/** The zones whose occupancy or plant changes at each step. */
export interface ScheduleChanges {
  /** Every zone, in order. */
  readonly all: Int32Array;
  /** The zones of step s: `zones(s)`; every zone at step 0. */
  zones(step: number): Int32Array;
}

/**
 * Finds, for every step, the zones whose occupancy or plant differs from the step before. Zones
 * share schedules by room type, so each distinct schedule (days, hours) is looked at once.
 */
export function scheduleChanges(table: StepTable, z$: ZoneArrays): ScheduleChanges {
  const groups = new Map<string, number[]>();
  for (let z = 0; z < z$.from.length; z++) {
    const key = `${z$.days[z]}/${z$.from[z]}/${z$.until[z]}`;
    const group = groups.get(key);
    if (group) group.push(z);
    else groups.set(key, [z]);
  }
  const schedules = [...groups.values()];
  const state = new Int8Array(schedules.length).fill(-1);
  // The changed zones of each step, kept once per distinct set of changed schedules.
  const sets = new Map<string, Int32Array>();
  const atStep: Int32Array[] = [];
  const none = new Int32Array(0);
  for (let s = 0; s < table.steps; s++) {
    const weekday = table.weekday[s]!;
    const hourOfDay = table.hourOfDay[s]!;
    const changed: number[] = [];
    schedules.forEach((zones, g) => {
      const z = zones[0]!;
      const now = (isOccupied(z$, z, weekday, hourOfDay) ? 1 : 0) + (isRunning(z$, z, weekday, hourOfDay) ? 2 : 0);
      if (now !== state[g]) {
        state[g] = now;
        changed.push(g);
      }
    });
    const key = changed.join(',');
    let zones = sets.get(key);
    if (!zones) {
      zones = changed.length === 0 ? none : Int32Array.from(changed.flatMap((g) => schedules[g]!)).sort();
      sets.set(key, zones);
    }
    atStep.push(zones);
  }
  const all = Int32Array.from(z$.from, (_, z) => z);
  return { all, zones: (step) => atStep[step]! };
}
