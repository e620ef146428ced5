// IFC's spatial structure as Twinbench twins and a scene: IfcSite → Campus, IfcBuilding → Building,
// IfcBuildingStorey → Floor, IfcSpace → Room, each aggregation a `contains` relationship. Twin ids
// come from the IFC GlobalId, so importing the same file again updates the same twins.

import type { SceneDocument, SceneLevel, SceneProblem, SceneSpace } from '../../../src-shared/contract';
import { polygonArea } from '../../../src-shared/geometry/polygon';
import { campusModel } from '../samples/campus-twins';
import type { IfcElement, IfcKind } from './ifc-reader';
import { drawingProblems } from './scene-check';

/** The models IFC elements become. */
export const ifcModels: Readonly<Record<IfcKind, string>> = {
  site: campusModel('Campus'),
  building: campusModel('Building'),
  storey: campusModel('Floor'),
  space: campusModel('Room'),
};

/** The twin id of an IFC element. */
export const ifcTwinId = (globalId: string) => `ifc-${globalId}`;

/** Twins, relationships and the scene an IFC file's spatial structure becomes. */
export interface IfcImport {
  readonly twins: Record<string, unknown>[];
  readonly relationships: { readonly sourceId: string; readonly relationshipId: string; readonly body: { readonly $targetId: string; readonly $relationshipName: 'contains' } }[];
  readonly scene: SceneDocument;
}

const defaultStoreyHeight = 3;
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Turns the elements read from an IFC file into twins, `contains` relationships and a scene. */
export function ifcImport(sceneId: string, name: string, elements: readonly IfcElement[]): IfcImport {
  const byGlobalId = new Map(elements.map((e) => [e.globalId, e]));
  const storeys = elements.filter((e) => e.kind === 'storey').sort((a, b) => (a.elevation ?? a.z) - (b.elevation ?? b.z));
  const spaces = elements.filter((e) => e.kind === 'space');
  const heights = new Map<string, number>();
  for (const storey of storeys) {
    const elevation = storey.elevation ?? storey.z;
    const above = storeys.find((other) => other.parent === storey.parent && (other.elevation ?? other.z) > elevation);
    const tallest = Math.max(0, ...spaces.filter((s) => s.parent === storey.globalId).map((s) => s.footprint?.depth ?? 0));
    heights.set(storey.globalId, round(above ? (above.elevation ?? above.z) - elevation : tallest || defaultStoreyHeight));
  }
  const twins: Record<string, unknown>[] = [];
  const relationships: IfcImport['relationships'][number][] = [];
  const problems: SceneProblem[] = [];
  const levels: SceneLevel[] = [];
  const sceneSpaces: SceneSpace[] = [];
  for (const element of elements) {
    const id = ifcTwinId(element.globalId);
    const twin: Record<string, unknown> = { $dtId: id, $metadata: { $model: ifcModels[element.kind] }, name: element.name };
    if (element.kind === 'space' && !element.footprint) Object.assign(twin, { envelope: { $metadata: {} }, setpoints: { $metadata: {} } });
    if (element.kind === 'site') {
      if (element.latitude !== undefined) twin.latitude = element.latitude;
      if (element.longitude !== undefined) twin.longitude = element.longitude;
    } else if (element.kind === 'building') {
      twin.floorCount = storeys.filter((s) => s.parent === element.globalId).length;
    } else if (element.kind === 'storey') {
      const elevation = round(element.elevation ?? element.z);
      const height = heights.get(element.globalId)!;
      Object.assign(twin, { level: storeys.filter((s) => s.parent === element.parent).indexOf(element), elevation, height });
      levels.push({ id, name: element.name, elevation, height, twinId: id });
    } else if (element.footprint) {
      const { outline, holes, depth } = element.footprint;
      // The Room model's components are required; IFC has no values for them, so they start empty.
      Object.assign(twin, { area: round(polygonArea(outline, holes), 2), footprint: outline, height: round(depth), envelope: { $metadata: {} }, setpoints: { $metadata: {} } });
      const parent = element.parent && byGlobalId.get(element.parent)?.kind === 'storey' ? ifcTwinId(element.parent) : undefined;
      if (parent) sceneSpaces.push({ id, levelId: parent, name: element.name, twinId: id, outline, ...(holes.length > 0 ? { holes } : {}), height: round(depth) });
      else problems.push({ kind: 'unknownLevel', message: `Space ${element.name} (${element.globalId}) belongs to no storey; its twin is created, the scene leaves it out.`, spaceId: id, twinId: id });
    } else {
      problems.push({ kind: 'invalidPolygon', message: `Space ${element.name} (${element.globalId}) has no footprint: ${element.geometryProblem ?? 'no geometry'}; its twin is created, the scene leaves it out.`, spaceId: id, twinId: id });
    }
    twins.push(twin);
    const parent = element.parent ? byGlobalId.get(element.parent) : undefined;
    if (parent && parent.kind !== 'space') {
      relationships.push({ sourceId: ifcTwinId(parent.globalId), relationshipId: `contains-${id}`, body: { $targetId: id, $relationshipName: 'contains' } });
    }
  }
  // Parents before children, so an import never points at a twin it has not made yet.
  const order: Record<IfcKind, number> = { site: 0, building: 1, storey: 2, space: 3 };
  twins.sort((a, b) => order[kindOf(a)] - order[kindOf(b)]);
  const scene: SceneDocument = { id: sceneId, name, source: 'ifc', levels, spaces: sceneSpaces, walls: [], assets: [], problems: [...problems, ...drawingProblems(levels, sceneSpaces)] };
  return { twins, relationships, scene };
}

function kindOf(twin: Record<string, unknown>): IfcKind {
  const model = (twin.$metadata as { $model: string }).$model;
  return (Object.keys(ifcModels) as IfcKind[]).find((kind) => ifcModels[kind] === model)!;
}
