// glTF 2.0 (.gltf JSON or .glb binary): reads the mesh nodes and ties each to a twin by the first
// mapping rule that yields an existing twin: the node's name, a regex over it, or an extras attribute.

import { EngineError, ErrorCode, type MeshMapping, type MeshMappingRule, type SceneProblem } from '../../../src-shared/contract';

/** A node of a glTF scene that draws a mesh. */
export interface GltfMeshNode {
  readonly name: string;
  readonly extras: Readonly<Record<string, unknown>>;
}

/** What a glTF file holds that the scene needs: its mesh nodes and the files it refers to. */
export interface GltfContents {
  readonly nodes: readonly GltfMeshNode[];
  /** Relative URIs of external buffers and images (copied with the file). */
  readonly externalFiles: readonly string[];
}

const glbMagic = 0x46546c67; // "glTF"
const jsonChunk = 0x4e4f534a; // "JSON"

function corrupt(file: string, reason: string): never {
  throw new EngineError(ErrorCode.InvalidArgument, `${file} is not a valid glTF file: ${reason}`, { file });
}

/** The JSON document of a .gltf or .glb file. */
function gltfJson(bytes: Uint8Array, file: string): Record<string, unknown> {
  let text: string;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength >= 4 && view.getUint32(0, true) === glbMagic) {
    if (bytes.byteLength < 20) corrupt(file, 'the GLB header is cut short.');
    const version = view.getUint32(4, true);
    if (version !== 2) corrupt(file, `GLB version ${version}; only glTF 2.0 is read.`);
    const length = view.getUint32(8, true);
    if (length > bytes.byteLength) corrupt(file, `the header says ${length} bytes, the file has ${bytes.byteLength}.`);
    const chunkLength = view.getUint32(12, true);
    if (view.getUint32(16, true) !== jsonChunk || 20 + chunkLength > bytes.byteLength) corrupt(file, 'the first chunk is not a JSON chunk.');
    text = new TextDecoder().decode(bytes.subarray(20, 20 + chunkLength));
  } else {
    text = new TextDecoder().decode(bytes);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    corrupt(file, `its JSON does not parse (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) corrupt(file, 'its JSON is not an object.');
  const asset = (json as Record<string, unknown>).asset as Record<string, unknown> | undefined;
  if (typeof asset?.version !== 'string' || !asset.version.startsWith('2.')) corrupt(file, '"asset.version" is not 2.x.');
  return json as Record<string, unknown>;
}

/** Reads the mesh nodes of a glTF or GLB file; throws InvalidArgument, naming the file, when it is corrupt. */
export function readGltf(bytes: Uint8Array, file: string): GltfContents {
  const json = gltfJson(bytes, file);
  const nodes = Array.isArray(json.nodes) ? (json.nodes as unknown[]) : [];
  const meshes = Array.isArray(json.meshes) ? (json.meshes as Record<string, unknown>[]) : [];
  const out: GltfMeshNode[] = [];
  nodes.forEach((node, index) => {
    if (typeof node !== 'object' || node === null) corrupt(file, `node ${index} is not an object.`);
    const fields = node as Record<string, unknown>;
    if (typeof fields.mesh !== 'number') return;
    const mesh = meshes[fields.mesh];
    if (!mesh) corrupt(file, `node ${index} refers to mesh ${fields.mesh}, which the file does not have.`);
    const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : typeof mesh.name === 'string' && mesh.name !== '' ? mesh.name : `node${index}`;
    const extras = { ...(isRecord(mesh.extras) ? mesh.extras : {}), ...(isRecord(fields.extras) ? fields.extras : {}) };
    out.push({ name, extras });
  });
  const external = [...listOf(json.buffers), ...listOf(json.images)].flatMap((entry) => (typeof entry.uri === 'string' && !entry.uri.startsWith('data:') ? [entry.uri] : []));
  return { nodes: out, externalFiles: external };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Checks mapping rules (a bad regex is refused with its text). */
export function checkRules(rules: unknown): MeshMappingRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new EngineError(ErrorCode.InvalidArgument, 'Give at least one mapping rule: { kind: "name" }, { kind: "regex", pattern }, or { kind: "extras", attribute }.');
  return rules.map((rule: unknown, index) => {
    if (!isRecord(rule)) throw new EngineError(ErrorCode.InvalidArgument, `Mapping rule ${index} is not an object.`);
    if (rule.kind === 'name') return typeof rule.prefix === 'string' ? { kind: 'name', prefix: rule.prefix } : { kind: 'name' };
    if (rule.kind === 'extras') {
      if (typeof rule.attribute !== 'string' || rule.attribute === '') throw new EngineError(ErrorCode.InvalidArgument, `Mapping rule ${index}: "attribute" names an extras attribute.`);
      return { kind: 'extras', attribute: rule.attribute };
    }
    if (rule.kind === 'regex') {
      if (typeof rule.pattern !== 'string') throw new EngineError(ErrorCode.InvalidArgument, `Mapping rule ${index}: "pattern" is a regular expression.`);
      try {
        new RegExp(rule.pattern);
      } catch (error) {
        throw new EngineError(ErrorCode.InvalidArgument, `Mapping rule ${index}: the pattern ${rule.pattern} is not a regular expression (${error instanceof Error ? error.message : String(error)}).`);
      }
      return typeof rule.replacement === 'string' ? { kind: 'regex', pattern: rule.pattern, replacement: rule.replacement } : { kind: 'regex', pattern: rule.pattern };
    }
    throw new EngineError(ErrorCode.InvalidArgument, `Mapping rule ${index}: "kind" is "name", "regex" or "extras".`);
  });
}

/** The twin id a rule proposes for a node, or null. A regex without a replacement proposes its first group, else the whole match. */
function candidate(rule: MeshMappingRule, node: GltfMeshNode): string | null {
  switch (rule.kind) {
    case 'name':
      return rule.prefix ? (node.name.startsWith(rule.prefix) ? node.name.slice(rule.prefix.length) : null) : node.name;
    case 'extras': {
      const value = node.extras[rule.attribute];
      return typeof value === 'string' && value !== '' ? value : null;
    }
    case 'regex': {
      const match = new RegExp(rule.pattern).exec(node.name);
      if (!match) return null;
      if (rule.replacement !== undefined) return match[0].replace(new RegExp(rule.pattern), rule.replacement);
      return match[1] ?? match[0];
    }
  }
}

/** Every twin id the rules propose for the nodes, so their existence is asked once. */
export function proposedTwinIds(nodes: readonly GltfMeshNode[], rules: readonly MeshMappingRule[]): string[] {
  const ids = new Set<string>();
  for (const node of nodes) {
    for (const rule of rules) {
      const id = candidate(rule, node);
      if (id !== null) ids.add(id);
    }
  }
  return [...ids];
}

/** Ties nodes to twins; a node no rule ties to an existing twin is unmapped, and the problems say why. */
export function mapMeshes(assetId: string, nodes: readonly GltfMeshNode[], rules: readonly MeshMappingRule[], twinExists: (id: string) => boolean): { mappings: MeshMapping[]; unmapped: string[]; problems: SceneProblem[] } {
  const mappings: MeshMapping[] = [];
  const unmapped: string[] = [];
  const missing = new Set<string>();
  for (const node of nodes) {
    let twinId: string | null = null;
    for (const rule of rules) {
      const id = candidate(rule, node);
      if (id === null) continue;
      if (twinExists(id)) {
        twinId = id;
        break;
      }
      missing.add(id);
    }
    if (twinId) mappings.push({ mesh: node.name, twinId });
    else unmapped.push(node.name);
  }
  const problems: SceneProblem[] = [];
  if (nodes.length > 0 && mappings.length === 0) problems.push({ kind: 'unmappedMesh', message: `Asset ${assetId}: no mapping rule tied any of its ${nodes.length} meshes to a twin.`, assetId });
  else if (unmapped.length > 0) problems.push({ kind: 'unmappedMesh', message: `Asset ${assetId}: ${unmapped.length} of ${nodes.length} meshes are tied to no twin (${unmapped.slice(0, 5).join(', ')}${unmapped.length > 5 ? ', …' : ''}).`, assetId });
  if (missing.size > 0) problems.push({ kind: 'twinMissing', message: `Asset ${assetId}: rules named ${missing.size === 1 ? 'a twin that does' : `${missing.size} twins that do`} not exist (${[...missing].slice(0, 5).join(', ')}${missing.size > 5 ? ', …' : ''}).`, assetId });
  return { mappings, unmapped, problems };
}
