// Reads the spatial structure of an IFC file with web-ifc (its wasm runs in Node): the site, the
// buildings, their storeys and spaces, who aggregates whom, and each space's footprint taken from
// its swept-solid profile placed in the world frame (metres, z up).

import { createRequire } from 'node:module';
import type * as WebIfcModule from 'web-ifc';
import type { IfcAPI } from 'web-ifc';
import { EngineError, ErrorCode, type PlanPoint } from '../../../src-shared/contract';

type WebIfc = typeof WebIfcModule;

const loadCommonJs = createRequire(import.meta.url);
let loaded: Promise<{ api: IfcAPI; ifc: WebIfc }> | null = null;

/** One IfcAPI for the process: its wasm module is loaded once, on the first import. */
function webIfc(): Promise<{ api: IfcAPI; ifc: WebIfc }> {
  loaded ??= (async () => {
    const ifc = loadCommonJs('web-ifc') as WebIfc;
    const api = new ifc.IfcAPI();
    await api.Init(undefined, true);
    return { api, ifc };
  })();
  return loaded;
}

export type IfcKind = 'site' | 'building' | 'storey' | 'space';

/** An element of the spatial structure. */
export interface IfcElement {
  readonly kind: IfcKind;
  readonly globalId: string;
  readonly name: string;
  /** Who aggregates it (the site for a building, a building for a storey, a storey for a space). */
  readonly parent?: string;
  /** World height of the element's placement, metres. */
  readonly z: number;
  /** A storey's Elevation attribute, metres. */
  readonly elevation?: number;
  readonly footprint?: { readonly outline: PlanPoint[]; readonly holes: PlanPoint[][]; readonly depth: number };
  /** Why a space has no footprint. */
  readonly geometryProblem?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

type Line = Record<string, unknown> & { readonly expressID: number; readonly type: number };

/** A 2D affine placement (rotation about z, then translation) and a height. */
interface Frame {
  readonly ox: number;
  readonly oy: number;
  readonly oz: number;
  readonly cos: number;
  readonly sin: number;
}

const identity: Frame = { ox: 0, oy: 0, oz: 0, cos: 1, sin: 0 };

function compose(outer: Frame, inner: Frame): Frame {
  return {
    ox: outer.ox + outer.cos * inner.ox - outer.sin * inner.oy,
    oy: outer.oy + outer.sin * inner.ox + outer.cos * inner.oy,
    oz: outer.oz + inner.oz,
    cos: outer.cos * inner.cos - outer.sin * inner.sin,
    sin: outer.sin * inner.cos + outer.cos * inner.sin,
  };
}

const apply = (frame: Frame, p: PlanPoint): PlanPoint => ({ x: round(frame.ox + frame.cos * p.x - frame.sin * p.y), y: round(frame.oy + frame.sin * p.x + frame.cos * p.y) });
const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Reads an IFC file's site, buildings, storeys and spaces; throws InvalidArgument, naming the file, when it is not IFC. */
export async function readIfc(bytes: Uint8Array, file: string): Promise<IfcElement[]> {
  const { api, ifc } = await webIfc();
  let model: number;
  try {
    model = api.OpenModel(bytes);
  } catch (error) {
    throw new EngineError(ErrorCode.InvalidArgument, `${file} is not a readable IFC file (${error instanceof Error ? error.message : String(error)}).`, { file });
  }
  try {
    if (model < 0 || api.GetAllLines(model).size() === 0) throw new EngineError(ErrorCode.InvalidArgument, `${file} is not a readable IFC file: it has no entities.`, { file });
    return new IfcModelReader(api, ifc, model).elements();
  } finally {
    api.CloseModel(model);
  }
}

class IfcModelReader {
  private readonly frames = new Map<number, Frame>();
  private readonly scale: number;

  constructor(
    private readonly api: IfcAPI,
    private readonly ifc: WebIfc,
    private readonly model: number,
  ) {
    this.scale = this.lengthScale();
  }

  private line(id: number): Line {
    return this.api.GetLine(this.model, id) as Line;
  }

  private ids(type: number): number[] {
    const vector = this.api.GetLineIDsWithType(this.model, type);
    return Array.from({ length: vector.size() }, (_, i) => vector.get(i));
  }

  private ref(value: unknown): Line | null {
    const handle = value as { value?: unknown; type?: number } | null;
    return handle && handle.type === 5 && typeof handle.value === 'number' ? this.line(handle.value) : null;
  }

  /** Metres per length unit of the file (a MILLI prefix gives 0.001). */
  private lengthScale(): number {
    const prefixes: Record<string, number> = { MILLI: 0.001, CENTI: 0.01, DECI: 0.1, KILO: 1000 };
    for (const id of this.ids(this.ifc.IFCSIUNIT)) {
      const unit = this.line(id);
      if (value(unit.UnitType) !== 'LENGTHUNIT') continue;
      const prefix = value(unit.Prefix);
      return typeof prefix === 'string' ? (prefixes[prefix] ?? 1) : 1;
    }
    return 1;
  }

  private numbers(list: unknown): number[] {
    return Array.isArray(list) ? list.map((entry) => Number(numeric(entry))) : [];
  }

  private point(line: Line | null): number[] {
    return line ? this.numbers(line.Coordinates) : [0, 0, 0];
  }

  /** The frame of an IfcAxis2Placement3D or 2D: location, and the x axis turned about z. */
  private axisFrame(placement: Line | null): Frame {
    if (!placement) return identity;
    const [x = 0, y = 0, z = 0] = this.point(this.ref(placement.Location)).map((c) => c * this.scale);
    const direction = this.ref(placement.RefDirection);
    const [dx = 1, dy = 0] = direction ? this.numbers(direction.DirectionRatios) : [1, 0];
    const length = Math.hypot(dx, dy) || 1;
    return { ox: x, oy: y, oz: z, cos: dx / length, sin: dy / length };
  }

  /** The world frame of an IfcLocalPlacement, following PlacementRelTo up the chain. */
  private placement(line: Line | null): Frame {
    if (!line) return identity;
    const cached = this.frames.get(line.expressID);
    if (cached) return cached;
    const parent = this.ref(line.PlacementRelTo);
    const frame = compose(parent ? this.placement(parent) : identity, this.axisFrame(this.ref(line.RelativePlacement)));
    this.frames.set(line.expressID, frame);
    return frame;
  }

  private polyline(curve: Line | null): PlanPoint[] | null {
    if (!curve || !Array.isArray(curve.Points)) return null;
    const points = (curve.Points as unknown[]).map((handle) => {
      const [x = 0, y = 0] = this.point(this.ref(handle));
      return { x: x * this.scale, y: y * this.scale };
    });
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && points.length > 1 && first.x === last.x && first.y === last.y) points.pop();
    return points;
  }

  /** A profile as rings in the profile's own frame, or why it cannot be read. */
  private profile(profile: Line | null): { outline: PlanPoint[]; holes: PlanPoint[][] } | string {
    if (!profile) return 'it has no profile';
    if (profile.type === this.ifc.IFCRECTANGLEPROFILEDEF) {
      const frame = this.axisFrame(this.ref(profile.Position));
      const hx = (Number(numeric(profile.XDim)) * this.scale) / 2;
      const hy = (Number(numeric(profile.YDim)) * this.scale) / 2;
      return { outline: [{ x: -hx, y: -hy }, { x: hx, y: -hy }, { x: hx, y: hy }, { x: -hx, y: hy }].map((p) => apply({ ...frame, oz: 0 }, p)), holes: [] };
    }
    if (profile.type === this.ifc.IFCARBITRARYCLOSEDPROFILEDEF || profile.type === this.ifc.IFCARBITRARYPROFILEDEFWITHVOIDS) {
      const outline = this.polyline(this.ref(profile.OuterCurve));
      if (!outline) return 'its profile curve is not a polyline';
      const holes = (Array.isArray(profile.InnerCurves) ? profile.InnerCurves : []).map((handle) => this.polyline(this.ref(handle)));
      if (holes.some((hole) => hole === null)) return 'a void of its profile is not a polyline';
      return { outline, holes: holes as PlanPoint[][] };
    }
    return `its profile is an ${this.api.GetNameFromTypeCode(profile.type)}, which is not read`;
  }

  /** A space's footprint in the world frame, from the first extruded solid of its body. */
  private footprint(element: Line, frame: Frame): IfcElement['footprint'] | string {
    const shape = this.ref(element.Representation);
    const representations = Array.isArray(shape?.Representations) ? (shape.Representations as unknown[]) : [];
    for (const handle of representations) {
      const representation = this.ref(handle);
      for (const itemHandle of Array.isArray(representation?.Items) ? (representation.Items as unknown[]) : []) {
        const item = this.ref(itemHandle);
        if (!item || item.type !== this.ifc.IFCEXTRUDEDAREASOLID) continue;
        const rings = this.profile(this.ref(item.SweptArea));
        if (typeof rings === 'string') return rings;
        const world = compose(frame, this.axisFrame(this.ref(item.Position)));
        const depth = Number(numeric(item.Depth)) * this.scale;
        return { outline: rings.outline.map((p) => apply(world, p)), holes: rings.holes.map((hole) => hole.map((p) => apply(world, p))), depth };
      }
    }
    return 'its body is not an extruded solid (IfcExtrudedAreaSolid)';
  }

  elements(): IfcElement[] {
    const parents = new Map<number, number>();
    for (const id of this.ids(this.ifc.IFCRELAGGREGATES)) {
      const rel = this.line(id);
      const relating = (rel.RelatingObject as { value?: number } | null)?.value;
      for (const handle of Array.isArray(rel.RelatedObjects) ? (rel.RelatedObjects as { value: number }[]) : []) if (typeof relating === 'number') parents.set(handle.value, relating);
    }
    const kinds: [IfcKind, number][] = [
      ['site', this.ifc.IFCSITE],
      ['building', this.ifc.IFCBUILDING],
      ['storey', this.ifc.IFCBUILDINGSTOREY],
      ['space', this.ifc.IFCSPACE],
    ];
    const globalIds = new Map<number, string>();
    const lines: [IfcKind, Line][] = [];
    for (const [kind, type] of kinds) {
      for (const id of this.ids(type)) {
        const line = this.line(id);
        globalIds.set(id, String(value(line.GlobalId) ?? `#${id}`));
        lines.push([kind, line]);
      }
    }
    return lines.map(([kind, line]) => {
      const frame = this.placement(this.ref(line.ObjectPlacement));
      const parentId = parents.get(line.expressID);
      const parent = parentId === undefined ? undefined : globalIds.get(parentId);
      const longName = value(line.LongName);
      const name = typeof longName === 'string' && longName !== '' ? longName : String(value(line.Name) ?? globalIds.get(line.expressID));
      const base = { kind, globalId: globalIds.get(line.expressID)!, name, z: round(frame.oz), ...(parent ? { parent } : {}) };
      if (kind === 'storey') {
        const elevation = numeric(line.Elevation);
        return typeof elevation === 'number' ? { ...base, elevation: elevation * this.scale } : base;
      }
      if (kind === 'site') return { ...base, ...angles(line) };
      if (kind !== 'space') return base;
      const footprint = this.footprint(line, frame);
      return typeof footprint === 'string' ? { ...base, geometryProblem: footprint } : { ...base, footprint };
    });
  }
}

function value(field: unknown): unknown {
  return field && typeof field === 'object' && 'value' in field ? (field as { value: unknown }).value : undefined;
}

/** A measure as a number: web-ifc keeps the parsed number in `_representationValue` (or `value`). */
function numeric(field: unknown): number | undefined {
  if (typeof field === 'number') return field;
  if (!field || typeof field !== 'object') return undefined;
  const f = field as { value?: unknown; _representationValue?: unknown };
  if (typeof f._representationValue === 'number') return f._representationValue;
  if (typeof f.value === 'number') return f.value;
  return undefined;
}

/** A site's reference latitude and longitude in decimal degrees (IFC gives degrees, minutes, seconds, millionths). */
function angles(site: Line): { latitude?: number; longitude?: number } {
  const decimal = (field: unknown) => {
    const parts = value(field);
    if (!Array.isArray(parts) || parts.length < 3) return undefined;
    const [d, m, s, micro = 0] = parts.map(Number) as [number, number, number, number?];
    return Math.round((d + m / 60 + (s + (micro ?? 0) / 1e6) / 3600) * 1e6) / 1e6;
  };
  const latitude = decimal(site.RefLatitude);
  const longitude = decimal(site.RefLongitude);
  return { ...(latitude !== undefined ? { latitude } : {}), ...(longitude !== undefined ? { longitude } : {}) };
}
