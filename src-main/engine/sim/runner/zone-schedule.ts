// When a zone is occupied and when its plant runs, from its room type's days and hours, and the
// steps at which any of them starts or stops: between those steps the zones' gains and controls
// stay as they are, so the kernel only recomputes them there.
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

/**
 * 1 at every step where some zone's occupancy or plant differs from the step before (and at step
 * 0). Zones share schedules by room type, so each distinct schedule is looked at once.
 */
export function scheduleChanges(table: StepTable, z$: ZoneArrays): Uint8Array {
  const changes = new Uint8Array(table.steps);
  const seen = new Set<string>();
  const representatives: number[] = [];
  for (let z = 0; z < z$.from.length; z++) {
    const key = `${z$.days[z]}/${z$.from[z]}/${z$.until[z]}`;
    if (!seen.has(key)) {
      seen.add(key);
      representatives.push(z);
    }
  }
  const state = new Int8Array(representatives.length).fill(-1);
  for (let s = 0; s < table.steps; s++) {
    const weekday = table.weekday[s]!;
    const hourOfDay = table.hourOfDay[s]!;
    representatives.forEach((z, r) => {
      const now = (isOccupied(z$, z, weekday, hourOfDay) ? 1 : 0) + (isRunning(z$, z, weekday, hourOfDay) ? 2 : 0);
      if (now !== state[r]) {
        state[r] = now;
        changes[s] = 1;
      }
    });
  }
  return changes;
}
