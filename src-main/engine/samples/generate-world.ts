// The entry of the sample worlds: pick a world by name, check the options, build its streams.

import { EngineError, ErrorCode } from '../../../src-shared/contract';
import { campusWorld } from './campus';
import { factoryWorld } from './factory';
import { gridWorld } from './grid';
import { sampleWorlds, type SampleWorld, type SampleWorldName, type WorldOptions } from './world-types';

/** What a world is, what its scale counts, and the scale that first passes a million twins (seed 1). */
export interface SampleWorldInfo {
  readonly name: SampleWorldName;
  readonly description: string;
  /** What one step of `scale` adds: `buildings`, `factories`, `regions`. */
  readonly scaleUnit: string;
  /** A round scale giving at least 1,000,000 twins with seed 1 (see docs/samples.md for the counts). */
  readonly millionScale: number;
}

export const sampleWorldInfo: Readonly<Record<SampleWorldName, SampleWorldInfo>> = {
  campus: {
    name: 'campus',
    description: 'A campus of buildings → floors → rooms with floorplans, AHUs and VAVs, room sensors, lights, lifts and an electricity meter tree.',
    scaleUnit: 'buildings',
    millionScale: 1600,
  },
  factory: {
    name: 'factory',
    description: 'Production sites → lines → machines in flow order, with condition-monitoring sensors and an electricity meter tree.',
    scaleUnit: 'factories',
    millionScale: 4000,
  },
  grid: {
    name: 'grid',
    description: 'Supply regions of power plants → transmission lines → substations → consumers, chained by tie lines.',
    scaleUnit: 'regions',
    millionScale: 4000,
  },
};

/** Largest scale accepted (a campus of 100,000 buildings is about 66 million twins). */
export const maxWorldScale = 100_000;

export function isSampleWorld(name: string): name is SampleWorldName {
  return (sampleWorlds as readonly string[]).includes(name);
}

/**
 * A deterministic sample world: the same name, scale and seed give byte-identical twins and
 * relationships. Nothing is generated until the streams are iterated.
 */
export function generateWorld(name: SampleWorldName, options: WorldOptions = {}): SampleWorld {
  if (!isSampleWorld(name)) throw new EngineError(ErrorCode.InvalidArgument, `There is no sample world ${String(name)}; choose one of ${sampleWorlds.join(', ')}.`);
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > maxWorldScale) {
    throw new EngineError(ErrorCode.InvalidArgument, `The scale must be an integer from 1 to ${maxWorldScale}; got ${String(scale)}.`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EngineError(ErrorCode.InvalidArgument, `The seed must be an integer from 0 to 4294967295; got ${String(seed)}.`);
  }
  switch (name) {
    case 'campus':
      return campusWorld(scale, seed);
    case 'factory':
      return factoryWorld(scale, seed);
    case 'grid':
      return gridWorld(scale, seed);
  }
}
