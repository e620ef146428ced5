import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, normalize } from 'node:path';
import {
  EngineError,
  ErrorCode,
  type GltfImportRequest,
  type IfcImportRequest,
  type IfcImportResult,
  type ModelsService,
  type RelationshipsService,
  type SceneAssetFile,
  type SceneDocument,
  type SceneFromTwinsRequest,
  type SceneProblem,
  type SceneSummary,
  type SpatialService,
  type TwinsService,
} from '../../../src-shared/contract';
import { readWorldModels } from '../samples';
import { checkRules, checkScene, ifcImport, ifcModels, mapMeshes, proposedTwinIds, readGltf, readIfc, SceneStore, sceneFromTwins, summarize, type SpatialTwinRow } from '../spatial';
import { sceneIdPattern } from '../spatial/scene-check';
import type { SerialQueue } from '../util/serial-queue';

/** Files larger than this are refused before they are read: a scene asset, not a whole site survey. */
export const maxAssetBytes = 256 * 1024 * 1024;
const propertyName = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** What the spatial service works with: the other services it reads and writes through. */
export interface SpatialEnvironment {
  readonly root: string;
  readonly assetsDir: string;
  readonly resourcesDir?: string;
  /** Every row of an ADT query, read in one run (scenes need whole answers: every room of a campus). */
  readonly allRows: (text: string) => Promise<readonly unknown[]>;
  readonly twins: TwinsService;
  readonly relationships: RelationshipsService;
  readonly models: ModelsService;
}

/** Scenes stored in the workspace, made from the graph, glTF or IFC files. */
export class LocalSpatialService implements SpatialService {
  private readonly store: SceneStore;

  constructor(
    private readonly environment: SpatialEnvironment,
    private readonly writes: SerialQueue,
  ) {
    this.store = new SceneStore(environment.root);
  }

  async list(): Promise<SceneSummary[]> {
    const summaries: SceneSummary[] = [];
    for (const id of await this.store.ids()) summaries.push(summarize(await this.store.read(id)));
    return summaries;
  }

  async get(id: string): Promise<SceneDocument> {
    const scene = await this.store.read(id);
    return { ...scene, problems: [...scene.problems, ...(await this.missingTwins(scene))] };
  }

  async put(scene: Parameters<SpatialService['put']>[0]): Promise<SceneSummary> {
    const checked = checkScene(scene);
    await this.writes.run(() => this.store.write(checked));
    return summarize(checked);
  }

  async delete(id: string): Promise<void> {
    await this.writes.run(() => this.store.delete(id));
  }

  async fromTwins(request: SceneFromTwinsRequest): Promise<SceneSummary> {
    const id = this.sceneId(request?.id);
    const footprint = request.footprintProperty ?? 'footprint';
    if (!propertyName.test(footprint)) throw new EngineError(ErrorCode.InvalidArgument, `"${footprint}" is not a property name.`);
    const twins = (await this.rows(`SELECT T.$dtId AS id, T.name AS name, T.elevation AS elevation, T.height AS height, T.${footprint} AS footprint, T.holes AS holes FROM DIGITALTWINS T WHERE IS_DEFINED(T.${footprint}) OR IS_DEFINED(T.elevation)`)) as unknown as SpatialTwinRow[];
    const contains = (await this.rows("SELECT R.$sourceId AS source, R.$targetId AS target FROM RELATIONSHIPS R WHERE R.$relationshipName = 'contains'")).map((row) => [String(row.source), String(row.target)] as const);
    const scene = sceneFromTwins(id, request.name ?? id, twins, contains);
    await this.writes.run(() => this.store.write(scene));
    return summarize(scene);
  }

  async importGltf(request: GltfImportRequest): Promise<SceneSummary> {
    const sceneId = this.sceneId(request?.sceneId);
    const rules = checkRules(request.rules);
    const { bytes, path } = await this.readSource(request.path, ['.gltf', '.glb']);
    const contents = readGltf(bytes, basename(path));
    const assetId = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '_') || 'asset';
    const existing = await this.existingTwins(proposedTwinIds(contents.nodes, rules));
    const mapped = mapMeshes(assetId, contents.nodes, rules, (twinId) => existing.has(twinId));
    const folder = join(this.environment.assetsDir, 'scenes', sceneId);
    const scene = await this.readOrEmpty(sceneId, 'gltf');
    if (request.levelId !== undefined && !scene.levels.some((level) => level.id === request.levelId)) {
      throw new EngineError(ErrorCode.InvalidArgument, `Scene ${sceneId} has no level ${request.levelId}.`, { sceneId, levelId: request.levelId });
    }
    const asset = { id: assetId, kind: 'gltf' as const, file: join('scenes', sceneId, basename(path)), ...(request.levelId ? { levelId: request.levelId } : {}), mappings: mapped.mappings, unmapped: mapped.unmapped };
    const problems = [...scene.problems.filter((p) => p.assetId !== assetId), ...mapped.problems];
    const updated: SceneDocument = { ...scene, assets: [...scene.assets.filter((a) => a.id !== assetId), asset], problems };
    await this.writes.run(async () => {
      await mkdir(folder, { recursive: true });
      await copyFile(path, join(folder, basename(path)));
      for (const file of contents.externalFiles) await this.copyExternal(dirname(path), file, folder);
      await this.store.write(updated);
    });
    return summarize(updated);
  }

  async importIfc(request: IfcImportRequest): Promise<IfcImportResult> {
    const sceneId = this.sceneId(request?.sceneId);
    const { bytes, path } = await this.readSource(request.path, ['.ifc']);
    const elements = await readIfc(bytes, basename(path));
    if (!elements.some((e) => e.kind === 'space' || e.kind === 'storey')) throw new EngineError(ErrorCode.InvalidArgument, `${basename(path)} has no IfcBuildingStorey and no IfcSpace: there is nothing to place.`, { file: path });
    const imported = ifcImport(sceneId, basename(path, extname(path)), elements);
    await this.ensureModels();
    for (const twin of imported.twins) await this.environment.twins.upsert(String(twin.$dtId), twin);
    for (const r of imported.relationships) await this.environment.relationships.upsert(r.sourceId, r.relationshipId, r.body);
    const folder = join(this.environment.assetsDir, 'scenes', sceneId);
    const asset = { id: basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '_') || 'model', kind: 'ifc' as const, file: join('scenes', sceneId, basename(path)), mappings: imported.twins.map((t) => ({ mesh: String(t.$dtId).slice(4), twinId: String(t.$dtId) })), unmapped: [] };
    const scene: SceneDocument = { ...imported.scene, assets: [asset] };
    await this.writes.run(async () => {
      await mkdir(folder, { recursive: true });
      await copyFile(path, join(folder, basename(path)));
      await this.store.write(scene);
    });
    return { scene: summarize(scene), twins: imported.twins.length, relationships: imported.relationships.length };
  }

  async assetFiles(sceneId: string, assetId: string): Promise<SceneAssetFile[]> {
    const scene = await this.get(this.sceneId(sceneId));
    const asset = scene.assets.find((a) => a.id === assetId);
    if (!asset) throw new EngineError(ErrorCode.NotFound, `Scene ${sceneId} has no asset ${assetId}.`, { sceneId, assetId });
    if (asset.kind !== 'gltf') throw new EngineError(ErrorCode.InvalidArgument, `Asset ${assetId} is an IFC file; its spaces are the scene's rooms.`, { sceneId, assetId });
    const path = join(this.environment.assetsDir, asset.file);
    const bytes = new Uint8Array(await readFile(path));
    const files: SceneAssetFile[] = [{ uri: basename(path), base64: Buffer.from(bytes).toString('base64') }];
    // The files were checked to lie beside the glTF when it was imported.
    for (const uri of readGltf(bytes, basename(path)).externalFiles) files.push({ uri, base64: (await readFile(join(dirname(path), normalize(decodeURIComponent(uri))))).toString('base64') });
    return files;
  }

  private sceneId(id: unknown): string {
    if (typeof id !== 'string' || !sceneIdPattern.test(id)) throw new EngineError(ErrorCode.InvalidArgument, 'A scene id is 1 to 64 letters, digits, dots, dashes or underscores.');
    return id;
  }

  private async readOrEmpty(id: string, source: SceneDocument['source']): Promise<SceneDocument> {
    if (!(await this.store.ids()).includes(id)) return { id, name: id, source, levels: [], spaces: [], walls: [], assets: [], problems: [] };
    return this.store.read(id);
  }

  /** Reads an input file after checking its kind and size, with located errors. */
  private async readSource(path: unknown, extensions: readonly string[]): Promise<{ bytes: Uint8Array; path: string }> {
    if (typeof path !== 'string' || !isAbsolute(path)) throw new EngineError(ErrorCode.InvalidArgument, 'The file is an absolute path on the engine\'s machine.');
    if (!extensions.includes(extname(path).toLowerCase())) throw new EngineError(ErrorCode.InvalidArgument, `${basename(path)}: expected a ${extensions.join(' or ')} file.`, { file: path });
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new EngineError(ErrorCode.NotFound, `There is no file ${path}.`, { file: path });
    }
    if (size > maxAssetBytes) throw new EngineError(ErrorCode.InvalidArgument, `${basename(path)} is ${Math.round(size / 1048576)} MB; scene assets are at most ${maxAssetBytes / 1048576} MB.`, { file: path, size });
    return { bytes: new Uint8Array(await readFile(path)), path };
  }

  private async copyExternal(fromDir: string, uri: string, folder: string): Promise<void> {
    const relative = normalize(decodeURIComponent(uri));
    if (isAbsolute(relative) || relative.startsWith('..')) throw new EngineError(ErrorCode.InvalidArgument, `The glTF file refers to ${uri}, outside its own folder.`);
    await mkdir(dirname(join(folder, relative)), { recursive: true });
    try {
      await copyFile(join(fromDir, relative), join(folder, relative));
    } catch {
      throw new EngineError(ErrorCode.InvalidArgument, `The glTF file refers to ${uri}, which is not beside it.`, { file: join(fromDir, relative) });
    }
  }

  private async existingTwins(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const rows = await this.rows(`SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE T.$dtId IN [${batch.map(quote).join(', ')}]`);
      for (const row of rows) found.add(String(row.id));
    }
    return found;
  }

  /** Spaces and meshes whose twin no longer exists. */
  private async missingTwins(scene: SceneDocument): Promise<SceneProblem[]> {
    const linked = new Set([...scene.spaces.flatMap((s) => (s.twinId ? [s.twinId] : [])), ...scene.assets.flatMap((a) => a.mappings.map((m) => m.twinId))]);
    const existing = await this.existingTwins([...linked]);
    const problems: SceneProblem[] = [];
    for (const space of scene.spaces) {
      if (space.twinId && !existing.has(space.twinId)) problems.push({ kind: 'twinMissing', message: `Space ${space.id}: twin ${space.twinId} no longer exists; the space is drawn without live values.`, spaceId: space.id, twinId: space.twinId });
    }
    for (const asset of scene.assets) {
      const gone = asset.mappings.filter((m) => !existing.has(m.twinId));
      if (gone.length > 0) problems.push({ kind: 'twinMissing', message: `Asset ${asset.id}: ${gone.length} mapped twins no longer exist (${gone.slice(0, 5).map((m) => m.twinId).join(', ')}).`, assetId: asset.id });
    }
    return problems;
  }

  private async rows(text: string): Promise<Record<string, unknown>[]> {
    return (await this.environment.allRows(text)) as Record<string, unknown>[];
  }

  /** IFC twins need the campus models; a workspace without them gets them from the resources. */
  private async ensureModels(): Promise<void> {
    const present = new Set((await this.environment.models.list()).map((model) => model.id));
    if (Object.values(ifcModels).every((id) => present.has(id))) return;
    if (!this.environment.resourcesDir) throw new EngineError(ErrorCode.ModelNotFound, `IFC import makes twins of ${Object.values(ifcModels).join(', ')}; add the campus models first (resources/worlds/campus/models).`);
    const sources = await readWorldModels(join(this.environment.resourcesDir, 'worlds', 'campus', 'models'));
    const missing = sources.filter((source) => {
      const id = (JSON.parse(source.text) as { '@id'?: string })['@id'];
      return typeof id === 'string' && !present.has(id);
    });
    await this.environment.models.add(missing);
  }
}
