// The shapes a sample world yields: twins and relationships as the engine's bulk import and
// `twins.upsert` / `relationships.upsert` take them, and the counts.

/** The sample worlds, in the order the CLI lists them. */
export const sampleWorlds = ['campus', 'factory', 'grid'] as const;

export type SampleWorldName = (typeof sampleWorlds)[number];

/** How big and which variant of a world. */
export interface WorldOptions {
  /** Campus: buildings; factory: factories; grid: regions. A positive integer; default 1. */
  readonly scale?: number;
  /** Seed of every random choice; the same name, scale and seed give the same world. Default 1. */
  readonly seed?: number;
}

/** A twin to create: `$dtId`, `$metadata.$model`, then its properties and components. */
export interface SampleTwin {
  readonly $dtId: string;
  readonly $metadata: { readonly $model: string };
  readonly [property: string]: unknown;
}

/** A relationship to create, with the twin it starts from. */
export interface SampleRelationship {
  readonly $relationshipId: string;
  readonly $sourceId: string;
  readonly $relationshipName: string;
  readonly $targetId: string;
  readonly [property: string]: unknown;
}

export interface WorldCounts {
  readonly twins: number;
  readonly relationships: number;
}

/** A generated world: re-iterable, lazy streams (each iteration generates afresh) and their sizes. */
export interface SampleWorld {
  readonly name: SampleWorldName;
  readonly scale: number;
  readonly seed: number;
  /** The DTMIs of the models the world's twins use, sorted. Upload the world's models folder first. */
  readonly modelIds: readonly string[];
  /** Every twin; parents come before their children. */
  readonly twins: Iterable<SampleTwin>;
  /** Every relationship; import them after every twin exists. */
  readonly relationships: Iterable<SampleRelationship>;
  /** Exactly what the two streams yield, computed from the world's plan without building twins. */
  readonly counts: WorldCounts;
}

/** A relationship whose id is `<name>-<target>`: unique per source, as ADT requires. */
export function relationship(source: string, name: string, target: string): SampleRelationship {
  return { $relationshipId: `${name}-${target}`, $sourceId: source, $relationshipName: name, $targetId: target };
}

/** A re-iterable view of a generator function. */
export function iterable<T>(make: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}
