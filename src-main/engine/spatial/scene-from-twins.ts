// A scene made of the graph itself: twins with `elevation` and `height` are levels, the twins a
// level *contains* that carry a footprint polygon are its spaces. The sample campus is drawn this
// way (floors contain rooms, every room has its footprint), and so is any graph that follows it.

import type { PlanPoint, SceneDocument, SceneLevel, SceneProblem, SceneSpace } from '../../../src-shared/contract';
import { drawingProblems } from './scene-check';

/** The few values of a twin the scene needs. */
export interface SpatialTwinRow {
  readonly id: string;
  readonly name?: unknown;
  readonly elevation?: unknown;
  readonly height?: unknown;
  readonly footprint?: unknown;
  readonly holes?: unknown;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Default storey height when a level twin gives none, metres. */
const defaultLevelHeight = 3;

/** Builds a scene document from twin rows and the graph's `contains` pairs (source contains target). */
export function sceneFromTwins(id: string, name: string, twins: Iterable<SpatialTwinRow>, contains: Iterable<readonly [string, string]>): SceneDocument {
  const byId = new Map<string, SpatialTwinRow>();
  for (const twin of twins) byId.set(twin.id, twin);
  const levelTwins = [...byId.values()].filter((twin) => finite(twin.elevation));
  const levelIds = new Set(levelTwins.map((twin) => twin.id));
  const levels: SceneLevel[] = levelTwins.map((twin) => ({
    id: twin.id,
    name: typeof twin.name === 'string' ? twin.name : twin.id,
    elevation: twin.elevation as number,
    height: finite(twin.height) && twin.height > 0 ? twin.height : defaultLevelHeight,
    twinId: twin.id,
  }));
  const spaces: SceneSpace[] = [];
  const problems: SceneProblem[] = [];
  const placed = new Set<string>();
  for (const [source, target] of contains) {
    if (!levelIds.has(source) || placed.has(target)) continue;
    const twin = byId.get(target);
    if (!twin || twin.footprint === undefined || levelIds.has(target)) continue;
    placed.add(target);
    if (!Array.isArray(twin.footprint)) {
      problems.push({ kind: 'invalidPolygon', message: `Twin ${target}: its footprint is not an array of points { x, y }.`, spaceId: target, twinId: target });
      continue;
    }
    const holes = Array.isArray(twin.holes) ? (twin.holes.filter(Array.isArray) as PlanPoint[][]) : undefined;
    spaces.push({
      id: target,
      levelId: source,
      twinId: target,
      ...(typeof twin.name === 'string' ? { name: twin.name } : {}),
      outline: twin.footprint as PlanPoint[],
      ...(holes && holes.length > 0 ? { holes } : {}),
      ...(finite(twin.height) && twin.height > 0 ? { height: twin.height } : {}),
    });
  }
  // Levels without spaces (a building's own footprint twin, say) would only clutter the view.
  const used = new Set(spaces.map((s) => s.levelId));
  const shown = levels.filter((level) => used.has(level.id)).sort((a, b) => a.elevation - b.elevation || a.id.localeCompare(b.id));
  return { id, name, source: 'twins', levels: shown, spaces, walls: [], assets: [], problems: [...problems, ...drawingProblems(shown, spaces)] };
}
