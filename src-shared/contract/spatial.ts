/** A point of a plan, metres in the scene's frame (x east, y north). */
export interface PlanPoint {
  readonly x: number;
  readonly y: number;
}

/** A storey: its floor's height above the scene's origin and its floor-to-floor height, metres. */
export interface SceneLevel {
  readonly id: string;
  readonly name: string;
  readonly elevation: number;
  readonly height: number;
  /** The twin the level stands for (a floor, a storey). */
  readonly twinId?: string;
}

/** A room or any other area of a level: a polygon footprint, with holes, linked to a twin. */
export interface SceneSpace {
  readonly id: string;
  readonly levelId: string;
  readonly name?: string;
  readonly twinId?: string;
  /** Counter-clockwise or clockwise, not closed (the first vertex is not repeated). */
  readonly outline: readonly PlanPoint[];
  readonly holes?: readonly (readonly PlanPoint[])[];
  /** Extrusion height in metres; the level's height when absent. */
  readonly height?: number;
}

/** A gap in a wall: a door or a window, measured along the wall from its start. */
export interface SceneOpening {
  readonly offset: number;
  readonly width: number;
  readonly sill: number;
  readonly height: number;
}

/** A straight wall on a level; walls block the walkthrough except at their openings. */
export interface SceneWall {
  readonly levelId: string;
  readonly from: PlanPoint;
  readonly to: PlanPoint;
  readonly thickness: number;
  readonly openings?: readonly SceneOpening[];
}

/** How an imported mesh is tied to a twin: its name, a regex over it, or one of its extras. */
export type MeshMappingRule =
  | { readonly kind: 'name'; readonly prefix?: string }
  | { readonly kind: 'regex'; readonly pattern: string; readonly replacement?: string }
  | { readonly kind: 'extras'; readonly attribute: string };

/** One mesh of an asset and the twin it shows. */
export interface MeshMapping {
  readonly mesh: string;
  readonly twinId: string;
}

/** A model file kept in the workspace's assets folder, with the twins its meshes show. */
export interface SceneAsset {
  readonly id: string;
  readonly kind: 'gltf' | 'ifc';
  /** Path relative to the workspace's assets folder. */
  readonly file: string;
  readonly levelId?: string;
  readonly mappings: readonly MeshMapping[];
  /** Meshes no rule tied to a twin. */
  readonly unmapped: readonly string[];
}

export type SceneProblemKind = 'invalidPolygon' | 'twinMissing' | 'unmappedMesh' | 'unknownLevel' | 'asset';

/** Something in a scene that cannot be shown as asked; the rest of the scene still renders. */
export interface SceneProblem {
  readonly kind: SceneProblemKind;
  readonly message: string;
  readonly spaceId?: string;
  readonly twinId?: string;
  readonly assetId?: string;
}

export type SceneSource = 'campus' | 'twins' | 'gltf' | 'ifc' | 'document';

/** A scene document, as stored in the workspace. */
export interface SceneDocument {
  readonly id: string;
  readonly name: string;
  readonly source: SceneSource;
  readonly levels: readonly SceneLevel[];
  readonly spaces: readonly SceneSpace[];
  readonly walls: readonly SceneWall[];
  readonly assets: readonly SceneAsset[];
  /** Found when the scene was stored, and again (twins that no longer exist) each time it is read. */
  readonly problems: readonly SceneProblem[];
}

/** A scene in a few numbers. */
export interface SceneSummary {
  readonly id: string;
  readonly name: string;
  readonly source: SceneSource;
  readonly levels: number;
  readonly spaces: number;
  readonly walls: number;
  readonly assets: number;
  readonly linkedTwins: number;
  readonly problems: readonly SceneProblem[];
  /** Plan extent in metres, and the top of the highest level; null for an empty scene. */
  readonly bounds: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number; readonly top: number } | null;
}

/** Builds a scene from the twins' footprint property and the levels' elevation and height. */
export interface SceneFromTwinsRequest {
  readonly id: string;
  readonly name?: string;
  /** The property holding `[{ x, y }, …]`; `footprint` when absent. */
  readonly footprintProperty?: string;
}

/** Imports a glTF or GLB file (a path on the engine's machine) into a scene, mapping meshes to twins. */
export interface GltfImportRequest {
  readonly sceneId: string;
  readonly path: string;
  readonly rules: readonly MeshMappingRule[];
  readonly levelId?: string;
}

/** Imports an IFC file (a path on the engine's machine): its site, buildings, storeys and spaces become twins and a scene. */
export interface IfcImportRequest {
  readonly sceneId: string;
  readonly path: string;
}

/** What an IFC import created. */
export interface IfcImportResult {
  readonly scene: SceneSummary;
  readonly twins: number;
  readonly relationships: number;
}

/** A stored file of a glTF asset: the glTF or GLB itself (uri: its file name) or a buffer or image it refers to (uri: as written in it). */
export interface SceneAssetFile {
  readonly uri: string;
  readonly base64: string;
}

export interface SpatialService {
  list(): Promise<SceneSummary[]>;
  /** A scene with its problems, twins that no longer exist included. */
  get(id: string): Promise<SceneDocument>;
  /** Stores a scene document as given (checked: polygons, levels); replaces one with the same id. */
  put(scene: Omit<SceneDocument, 'problems'> & { readonly problems?: readonly SceneProblem[] }): Promise<SceneSummary>;
  delete(id: string): Promise<void>;
  fromTwins(request: SceneFromTwinsRequest): Promise<SceneSummary>;
  importGltf(request: GltfImportRequest): Promise<SceneSummary>;
  importIfc(request: IfcImportRequest): Promise<IfcImportResult>;
  /** The stored files of a glTF asset, the glTF first, for drawing it (an IFC asset is drawn through its spaces). */
  assetFiles(sceneId: string, assetId: string): Promise<SceneAssetFile[]>;
}
