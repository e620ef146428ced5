// Operating schedules for HVAC equipment: on/off by weekday and hour of the day.
import { finite, invalidArgument } from './validate';

/** On during [startHour, endHour) on the marked days; days are Monday-first, 7 entries. */
export interface WeeklySchedule {
  readonly days: readonly boolean[];
  /** Hour of the day it starts, 0–24 (fractions allowed). */
  readonly startHour: number;
  /** Hour of the day it stops, 0–24; endHour < startHour runs overnight. */
  readonly endHour: number;
}

/** A schedule: always on, never on, or weekly. */
export type HvacSchedule = 'always' | 'never' | WeeklySchedule;

/** Monday to Friday. */
export const WEEKDAYS: readonly boolean[] = [true, true, true, true, true, false, false];

/** Checks a schedule, throwing InvalidArgument naming the bad field. */
export function checkSchedule(context: string, schedule: HvacSchedule): HvacSchedule {
  if (schedule === 'always' || schedule === 'never') return schedule;
  if (typeof schedule !== 'object' || schedule === null) throw invalidArgument(context, 'schedule', schedule, "'always', 'never' or a weekly schedule");
  if (!Array.isArray(schedule.days) || schedule.days.length !== 7) throw invalidArgument(context, 'schedule.days', schedule.days, 'an array of 7 booleans, Monday first');
  for (const key of ['startHour', 'endHour'] as const) {
    const v = finite(context, `schedule.${key}`, schedule[key]);
    if (v < 0 || v > 24) throw invalidArgument(context, `schedule.${key}`, v, 'an hour in [0, 24]');
  }
  return schedule;
}

/**
 * True when the schedule is on at `hour` hours after the start of the year (hour 0 = 1 January
 * 00:00); `firstWeekday` is the weekday of 1 January (0 = Monday … 6 = Sunday).
 */
export function isScheduledOn(schedule: HvacSchedule, hour: number, firstWeekday = 0): boolean {
  if (schedule === 'always') return true;
  if (schedule === 'never') return false;
  const dayIndex = Math.floor(hour / 24);
  const hourOfDay = hour - dayIndex * 24;
  const weekday = (((dayIndex + firstWeekday) % 7) + 7) % 7;
  const { startHour, endHour, days } = schedule;
  if (startHour <= endHour) return days[weekday] === true && hourOfDay >= startHour && hourOfDay < endHour;
  // Overnight: the evening belongs to today, the early morning to yesterday's run.
  const yesterday = (weekday + 6) % 7;
  return (days[weekday] === true && hourOfDay >= startHour) || (days[yesterday] === true && hourOfDay < endHour);
}
