import type { Schema } from '../models/dtdl';
import { Random, hashText, mixSeed } from '../util/random';

/** Where a synthetic reading is in time: the wall clock hour and weekday drive daily cycles. */
export interface SignalTime {
  readonly date: Date;
  /** Ticks since the devices started; drift and cumulative meters grow with it. */
  readonly tick: number;
  /** Seconds between ticks, for integrating power into energy. */
  readonly stepSeconds: number;
}

/** One telemetry stream of one device: a function of time, seeded by the device. */
export type Signal = (time: SignalTime) => unknown;

const hourOf = (date: Date) => date.getHours() + date.getMinutes() / 60;
const isWorkday = (date: Date) => date.getDay() >= 1 && date.getDay() <= 5;
/** 1 in office hours on workdays, easing in and out; 0 at night and at weekends. */
const occupied = (date: Date) => (isWorkday(date) ? Math.max(0, Math.min(1, (hourOf(date) - 7.5) * 2, (18.5 - hourOf(date)) * 2)) : 0);
/** A daily cycle peaking mid-afternoon, in [-1, 1]. */
const daily = (date: Date) => Math.sin(((hourOf(date) - 9) / 24) * 2 * Math.PI);

/**
 * A realistic signal for a telemetry name: temperatures follow a daily cycle, CO2 and occupancy
 * follow office hours, power follows occupancy, energy integrates power. Every device has its
 * own offsets, noise and slow drift, all drawn from a seed, so the same seed replays the same
 * readings.
 */
export function signalFor(name: string, schema: Schema, seed: number, device: string): Signal {
  const deviceSeed = mixSeed(seed, hashText(device), hashText(name));
  const traits = new Random(deviceSeed);
  const offset = traits.range(-0.8, 0.8);
  const scale = traits.range(0.7, 1.3);
  const drift = traits.range(-0.002, 0.002);
  const noise = (time: SignalTime, amount: number) => new Random(mixSeed(deviceSeed, time.tick)).range(-amount, amount);
  const lower = name.toLowerCase();
  let energy = traits.range(1_000, 50_000);
  if (lower.includes('supplyairtemperature')) return (t) => round(16 + offset * 0.5 + noise(t, 0.3), 2);
  if (lower.includes('temperature')) return (t) => round(21 + offset + 1.5 * daily(t.date) + 1.2 * occupied(t.date) + drift * t.tick + noise(t, 0.15), 2);
  if (lower.includes('humidity')) return (t) => round(45 + 5 * offset - 6 * daily(t.date) + noise(t, 1), 1);
  if (lower.includes('co2')) return (t) => round(420 + 550 * scale * occupied(t.date) + noise(t, 25), 0);
  if (lower === 'occupancy') return (t) => Math.max(0, Math.round(12 * scale * occupied(t.date) + noise(t, 1.5)));
  if (lower === 'presence') return (t) => occupied(t.date) * scale + noise(t, 0.3) > 0.3;
  if (lower.includes('activepower')) return (t) => round(15 * scale + 60 * scale * occupied(t.date) + noise(t, 2), 2);
  if (lower === 'energy') {
    return (t) => {
      energy += ((15 * scale + 60 * scale * occupied(t.date)) * t.stepSeconds) / 3600;
      return round(energy, 3);
    };
  }
  if (lower === 'power') return (t) => round(40 * scale * (occupied(t.date) > 0.2 ? 1 : 0.05), 1);
  if (lower === 'level') return (t) => (occupied(t.date) > 0.2 ? round(0.6 + 0.4 * scale * occupied(t.date), 2) : 0);
  if (lower.includes('airflow')) return (t) => round(300 * scale + 700 * scale * occupied(t.date) + noise(t, 20), 0);
  if (lower.includes('damper')) return (t) => round(Math.min(100, 20 + 70 * occupied(t.date) + noise(t, 5)), 1);
  if (lower.includes('level')) return (t) => Math.max(0, Math.round(occupied(t.date) * traits.range(0, 5) + noise(t, 1)));
  return fallback(schema, (t) => noise(t, 1));
}

function fallback(schema: Schema, noise: (time: SignalTime) => number): Signal {
  if (schema.kind === 'Primitive') {
    if (schema.name === 'boolean') return (t) => noise(t) > 0;
    if (schema.name === 'integer' || schema.name === 'long') return (t) => Math.round(noise(t) * 10);
    if (schema.name === 'double' || schema.name === 'float') return (t) => round(noise(t), 3);
    if (schema.name === 'string') return () => 'ok';
  }
  if (schema.kind === 'Enum') return () => schema.enumValues[0]?.enumValue ?? null;
  return () => null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
