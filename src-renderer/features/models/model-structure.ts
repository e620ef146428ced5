// The shape of a model set, read from the stored definitions: who extends whom, which relationships
// point where, which components use what. Pure: the tree and graph views draw from it.
import type { ModelData } from '../../../src-shared/contract';

/** One link from a model to another: it extends it, relates to it, or has it as a component. */
export interface ModelLink {
  readonly kind: 'extends' | 'relationship' | 'component';
  /** The relationship's or component's name; empty for extends. */
  readonly name: string;
  readonly target: string;
}

/** A model as the structure views need it. */
export interface ModelNode {
  readonly id: string;
  readonly label: string;
  readonly decommissioned: boolean;
  readonly links: readonly ModelLink[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const typesOf = (value: Json): unknown[] => asArray(value['@type']);
/** An id a definition refers to, written as a DTMI or as an inline interface with its own `@id`. */
const referenced = (value: unknown): string | undefined => (typeof value === 'string' ? value : isObject(value) && typeof value['@id'] === 'string' ? value['@id'] : undefined);

/** The links a model's definition declares itself (inherited ones belong to its ancestors). */
export function linksOf(definition: unknown): ModelLink[] {
  if (!isObject(definition)) return [];
  const links: ModelLink[] = [];
  for (const parent of asArray(definition.extends)) {
    const target = referenced(parent);
    if (target) links.push({ kind: 'extends', name: '', target });
  }
  for (const content of asArray(definition.contents)) {
    if (!isObject(content) || typeof content.name !== 'string') continue;
    const types = typesOf(content);
    const target = referenced(types.includes('Relationship') ? content.target : types.includes('Component') ? content.schema : undefined);
    if (target) links.push({ kind: types.includes('Relationship') ? 'relationship' : 'component', name: content.name, target });
  }
  return links;
}

/** The last segment of a DTMI without its version: `dtmi:com:example:Room;1` is `Room`. */
export function shortName(id: string): string {
  return id.split(':').at(-1)!.split(';')[0]!;
}

/** The models with their links, from a list that includes each definition. */
export function modelNodes(models: readonly ModelData[]): ModelNode[] {
  return models.map((model) => ({
    id: model.id,
    label: model.displayName.en ?? Object.values(model.displayName)[0] ?? shortName(model.id),
    decommissioned: model.decommissioned,
    links: linksOf(model.model),
  }));
}

/** A branch of a tree view: a namespace segment or a model, with what lies under it. */
export interface TreeBranch {
  readonly label: string;
  /** Set when the branch is a model. */
  readonly model?: string;
  readonly children: readonly TreeBranch[];
}

/** The models grouped by the segments of their DTMIs: `dtmi:com:example:Room;1` sits under com › example. */
export function namespaceTree(ids: readonly string[]): TreeBranch[] {
  interface Folder {
    readonly folders: Map<string, Folder>;
    readonly models: TreeBranch[];
  }
  const root: Folder = { folders: new Map(), models: [] };
  for (const id of ids) {
    const segments = id.replace(/^dtmi:/, '').split(':');
    const leaf = segments.pop()!;
    let folder = root;
    for (const segment of segments) {
      if (!folder.folders.has(segment)) folder.folders.set(segment, { folders: new Map(), models: [] });
      folder = folder.folders.get(segment)!;
    }
    folder.models.push({ label: leaf, model: id, children: [] });
  }
  const branches = (folder: Folder): TreeBranch[] => [
    ...[...folder.folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, child]) => ({ label, children: branches(child) })),
    ...folder.models.sort((a, b) => a.label.localeCompare(b.label)),
  ];
  return branches(root);
}

/** The models by inheritance: roots extend nothing in the set; a model with two parents appears under both. */
export function inheritanceTree(nodes: readonly ModelNode[]): TreeBranch[] {
  const known = new Set(nodes.map((node) => node.id));
  const children = new Map<string, ModelNode[]>();
  const roots: ModelNode[] = [];
  for (const node of nodes) {
    const parents = node.links.filter((link) => link.kind === 'extends' && known.has(link.target)).map((link) => link.target);
    if (parents.length === 0) roots.push(node);
    for (const parent of parents) children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const branch = (node: ModelNode, path: ReadonlySet<string>): TreeBranch => ({
    label: node.id,
    model: node.id,
    // DTDL forbids cycles; the path guard keeps a broken set from recursing forever.
    children: (children.get(node.id) ?? []).filter((child) => !path.has(child.id)).map((child) => branch(child, new Set([...path, child.id]))),
  });
  return roots.sort((a, b) => a.id.localeCompare(b.id)).map((root) => branch(root, new Set([root.id])));
}

/** The branches that match `needle` (in a label or model id), with the way down to them; all of them for an empty needle. */
export function filterTree(branches: readonly TreeBranch[], needle: string): TreeBranch[] {
  const text = needle.trim().toLowerCase();
  if (!text) return [...branches];
  return branches.flatMap((branch) => {
    if (branch.label.toLowerCase().includes(text) || branch.model?.toLowerCase().includes(text)) return [branch];
    const children = filterTree(branch.children, text);
    return children.length > 0 ? [{ ...branch, children }] : [];
  });
}

/** Nodes and edges of the model graph; `distance` is how many links a node is from the focus (0 without one). */
export interface ModelGraph {
  readonly nodes: readonly { readonly id: string; readonly label: string; readonly distance: number; readonly decommissioned: boolean }[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly kind: ModelLink['kind']; readonly label: string }[];
}

/**
 * The models within `depth` links of `focus` (links followed both ways), or every model when
 * there is no focus, with the links among them. Links to models outside the set are left out.
 */
export function modelGraph(nodes: readonly ModelNode[], focus: string | undefined, depth: number): ModelGraph {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const neighbours = new Map<string, Set<string>>();
  for (const node of nodes) {
    for (const link of node.links) {
      if (!byId.has(link.target)) continue;
      (neighbours.get(node.id) ?? neighbours.set(node.id, new Set()).get(node.id)!).add(link.target);
      (neighbours.get(link.target) ?? neighbours.set(link.target, new Set()).get(link.target)!).add(node.id);
    }
  }
  const distance = new Map<string, number>();
  if (focus !== undefined && byId.has(focus)) {
    distance.set(focus, 0);
    let frontier = [focus];
    for (let step = 1; step <= depth && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const neighbour of neighbours.get(id) ?? []) {
          if (distance.has(neighbour)) continue;
          distance.set(neighbour, step);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
  } else {
    for (const node of nodes) distance.set(node.id, 0);
  }
  const shown = nodes.filter((node) => distance.has(node.id));
  return {
    nodes: shown.map((node) => ({ id: node.id, label: node.label, distance: distance.get(node.id)!, decommissioned: node.decommissioned })),
    edges: shown.flatMap((node) =>
      node.links
        .filter((link) => distance.has(link.target))
        .map((link, index) => ({ id: `${node.id}|${link.kind}|${link.name}|${index}`, source: node.id, target: link.target, kind: link.kind, label: link.kind === 'extends' ? 'extends' : link.name })),
    ),
  };
}
