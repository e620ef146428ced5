// Checks a scene document: its shape is refused as a whole when wrong (a clear, located error);
// a space that cannot be drawn (a self-intersecting polygon, an unknown level) is kept out of the
// drawable set and reported as a problem, so the rest of the scene still renders.

import { EngineError, ErrorCode, type PlanPoint, type SceneAsset, type SceneDocument, type SceneLevel, type SceneOpening, type SceneProblem, type SceneSource, type SceneSpace, type SceneWall } from '../../../src-shared/contract';
import { polygonProblem } from '../../../src-shared/geometry/polygon';

export const sceneIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const sources: readonly SceneSource[] = ['campus', 'twins', 'gltf', 'ifc', 'document'];

type Fields = Record<string, unknown>;

function fail(where: string, message: string): never {
  throw new EngineError(ErrorCode.InvalidArgument, `${where}: ${message}`, { where });
}

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(fields: Fields, name: string, where: string, optional = false): string | undefined {
  const value = fields[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '') fail(where, `"${name}" must be a non-empty string.`);
  return value;
}

function number(fields: Fields, name: string, where: string, optional = false): number | undefined {
  const value = fields[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, `"${name}" must be a finite number.`);
  return value;
}

function list(fields: Fields, name: string, where: string): unknown[] {
  const value = fields[name] ?? [];
  if (!Array.isArray(value)) fail(where, `"${name}" must be an array.`);
  return value;
}

function point(value: unknown, where: string): PlanPoint {
  if (!isFields(value)) fail(where, 'a point is { "x": number, "y": number }.');
  return { x: number(value, 'x', where)!, y: number(value, 'y', where)! };
}

/** A ring as given: its vertices are kept as they are, the polygon check reports what is wrong. */
function ring(value: unknown, where: string): PlanPoint[] {
  if (!Array.isArray(value)) fail(where, 'a polygon is an array of points.');
  return value as PlanPoint[];
}

function level(value: unknown, index: number): SceneLevel {
  const where = `levels[${index}]`;
  if (!isFields(value)) fail(where, 'a level is an object.');
  const height = number(value, 'height', where)!;
  if (height <= 0) fail(where, '"height" must be positive.');
  const twinId = text(value, 'twinId', where, true);
  return { id: text(value, 'id', where)!, name: text(value, 'name', where, true) ?? text(value, 'id', where)!, elevation: number(value, 'elevation', where)!, height, ...(twinId ? { twinId } : {}) };
}

function space(value: unknown, index: number): SceneSpace {
  const where = `spaces[${index}]`;
  if (!isFields(value)) fail(where, 'a space is an object.');
  const holes = value.holes === undefined ? undefined : list(value, 'holes', where).map((hole, k) => ring(hole, `${where}.holes[${k}]`));
  const name = text(value, 'name', where, true);
  const twinId = text(value, 'twinId', where, true);
  const height = number(value, 'height', where, true);
  if (height !== undefined && height <= 0) fail(where, '"height" must be positive.');
  return {
    id: text(value, 'id', where)!,
    levelId: text(value, 'levelId', where)!,
    ...(name ? { name } : {}),
    ...(twinId ? { twinId } : {}),
    outline: ring(value.outline, `${where}.outline`),
    ...(holes && holes.length > 0 ? { holes } : {}),
    ...(height !== undefined ? { height } : {}),
  };
}

function opening(value: unknown, where: string): SceneOpening {
  if (!isFields(value)) fail(where, 'an opening is an object.');
  return { offset: number(value, 'offset', where)!, width: number(value, 'width', where)!, sill: number(value, 'sill', where, true) ?? 0, height: number(value, 'height', where)! };
}

function wall(value: unknown, index: number): SceneWall {
  const where = `walls[${index}]`;
  if (!isFields(value)) fail(where, 'a wall is an object.');
  const openings = list(value, 'openings', where).map((o, k) => opening(o, `${where}.openings[${k}]`));
  return { levelId: text(value, 'levelId', where)!, from: point(value.from, `${where}.from`), to: point(value.to, `${where}.to`), thickness: number(value, 'thickness', where, true) ?? 0.15, ...(openings.length > 0 ? { openings } : {}) };
}

function asset(value: unknown, index: number): SceneAsset {
  const where = `assets[${index}]`;
  if (!isFields(value)) fail(where, 'an asset is an object.');
  const kind = value.kind;
  if (kind !== 'gltf' && kind !== 'ifc') fail(where, '"kind" is "gltf" or "ifc".');
  const mappings = list(value, 'mappings', where).map((m, k) => {
    if (!isFields(m)) fail(`${where}.mappings[${k}]`, 'a mapping is { "mesh", "twinId" }.');
    return { mesh: text(m, 'mesh', `${where}.mappings[${k}]`)!, twinId: text(m, 'twinId', `${where}.mappings[${k}]`)! };
  });
  const unmapped = list(value, 'unmapped', where).map(String);
  const levelId = text(value, 'levelId', where, true);
  return { id: text(value, 'id', where)!, kind, file: text(value, 'file', where)!, ...(levelId ? { levelId } : {}), mappings, unmapped };
}

function unique<T>(items: readonly T[], key: (item: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    const id = key(item);
    if (seen.has(id)) fail(what, `the id "${id}" is used twice.`);
    seen.add(id);
  }
}

/** Checks a scene document's shape and finds the spaces that cannot be drawn; throws InvalidArgument on a wrong shape. */
export function checkScene(input: unknown): SceneDocument {
  if (!isFields(input)) fail('scene', 'a scene is a JSON object.');
  const id = text(input, 'id', 'scene')!;
  if (!sceneIdPattern.test(id)) fail('scene', 'an id is 1 to 64 letters, digits, dots, dashes or underscores.');
  const source = (input.source ?? 'document') as SceneSource;
  if (!sources.includes(source)) fail('scene', `"source" is one of ${sources.join(', ')}.`);
  const levels = list(input, 'levels', 'scene').map(level);
  const spaces = list(input, 'spaces', 'scene').map(space);
  const walls = list(input, 'walls', 'scene').map(wall);
  const assets = list(input, 'assets', 'scene').map(asset);
  unique(levels, (l) => l.id, 'levels');
  unique(spaces, (s) => s.id, 'spaces');
  unique(assets, (a) => a.id, 'assets');
  const carried = list(input, 'problems', 'scene').filter((p): p is SceneProblem => isFields(p) && typeof p.assetId === 'string');
  return { id, name: text(input, 'name', 'scene', true) ?? id, source, levels, spaces, walls, assets, problems: [...carried, ...drawingProblems(levels, spaces)] };
}

/** Spaces that cannot be drawn: a bad polygon, or a level the scene does not have. */
export function drawingProblems(levels: readonly SceneLevel[], spaces: readonly SceneSpace[]): SceneProblem[] {
  const levelIds = new Set(levels.map((l) => l.id));
  const problems: SceneProblem[] = [];
  for (const s of spaces) {
    const twin = s.twinId ? { twinId: s.twinId } : {};
    const polygon = polygonProblem(s.outline, s.holes ?? []);
    if (polygon) problems.push({ kind: 'invalidPolygon', message: `Space ${s.id}: ${polygon}`, spaceId: s.id, ...twin });
    else if (!levelIds.has(s.levelId)) problems.push({ kind: 'unknownLevel', message: `Space ${s.id} is on level ${s.levelId}, which the scene does not have.`, spaceId: s.id, ...twin });
  }
  return problems;
}
