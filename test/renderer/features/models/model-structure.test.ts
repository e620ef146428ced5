import { describe, expect, it } from 'vitest';
import type { ModelData } from '../../../../src-shared/contract';
import { filterTree, inheritanceTree, linksOf, modelGraph, modelNodes, namespaceTree, shortName, type TreeBranch } from '../../../../src-renderer/features/models/model-structure';

const model = (id: string, definition: Record<string, unknown>, displayName: Record<string, string> = {}): ModelData => ({ id, displayName, description: {}, uploadTime: '2026-01-01T00:00:00Z', decommissioned: false, model: { '@id': id, '@type': 'Interface', ...definition } });

const models = [
  model('dtmi:test:Space;1', {}, { en: 'Space' }),
  model('dtmi:test:Building;1', { extends: 'dtmi:test:Space;1', contents: [{ '@type': 'Relationship', name: 'contains', target: 'dtmi:test:Floor;1' }] }),
  model('dtmi:test:Floor;1', { extends: ['dtmi:test:Space;1'], contents: [{ '@type': 'Relationship', name: 'contains', target: 'dtmi:test:Room;1' }, { '@type': 'Property', name: 'level', schema: 'integer' }] }),
  model('dtmi:test:Room;1', { extends: 'dtmi:test:Space;1', contents: [{ '@type': 'Component', name: 'thermostat', schema: 'dtmi:test:Thermostat;1' }, { '@type': 'Relationship', name: 'any' }] }),
  model('dtmi:test:Thermostat;1', {}),
  model('dtmi:other:Meter;1', { extends: [{ '@id': 'dtmi:other:Device;1', '@type': 'Interface' }], contents: [{ '@type': ['Relationship', 'Feeds'], name: 'feeds', target: 'dtmi:test:Room;1' }] }),
];
const nodes = modelNodes(models);

describe('the structure of a model set', () => {
  it('reads extends, relationships with a target and components from each definition', () => {
    expect(nodes.map((node) => [node.id, node.label, node.links.map((link) => `${link.kind} ${link.name} ${link.target}`)])).toEqual([
      ['dtmi:test:Space;1', 'Space', []],
      ['dtmi:test:Building;1', 'Building', ['extends  dtmi:test:Space;1', 'relationship contains dtmi:test:Floor;1']],
      ['dtmi:test:Floor;1', 'Floor', ['extends  dtmi:test:Space;1', 'relationship contains dtmi:test:Room;1']],
      ['dtmi:test:Room;1', 'Room', ['extends  dtmi:test:Space;1', 'component thermostat dtmi:test:Thermostat;1']],
      ['dtmi:test:Thermostat;1', 'Thermostat', []],
      ['dtmi:other:Meter;1', 'Meter', ['extends  dtmi:other:Device;1', 'relationship feeds dtmi:test:Room;1']],
    ]);
    expect(linksOf(undefined)).toEqual([]);
    expect(shortName('dtmi:com:example:ConferenceRoom;12')).toBe('ConferenceRoom');
  });

  it('groups models by namespace, folders first', () => {
    expect(namespaceTree(models.map((entry) => entry.id))).toEqual([
      { label: 'other', children: [{ label: 'Meter;1', model: 'dtmi:other:Meter;1', children: [] }] },
      {
        label: 'test',
        children: ['Building;1', 'Floor;1', 'Room;1', 'Space;1', 'Thermostat;1'].map((leaf) => ({ label: leaf, model: `dtmi:test:${leaf}`, children: [] })),
      },
    ]);
  });

  it('nests models under what they extend; a parent outside the set leaves the model a root', () => {
    const tree = inheritanceTree(nodes);
    const outline = (branches: readonly TreeBranch[]): unknown[] => branches.map((branch) => (branch.children.length ? { [branch.label]: outline(branch.children) } : branch.label));
    expect(outline(tree)).toEqual(['dtmi:other:Meter;1', { 'dtmi:test:Space;1': ['dtmi:test:Building;1', 'dtmi:test:Floor;1', 'dtmi:test:Room;1'] }, 'dtmi:test:Thermostat;1']);
    expect(outline(filterTree(tree, 'floor'))).toEqual([{ 'dtmi:test:Space;1': ['dtmi:test:Floor;1'] }]);
    expect(filterTree(tree, '  ')).toEqual(tree);
  });

  it('draws the neighbourhood of a model to a depth, following links both ways', () => {
    const one = modelGraph(nodes, 'dtmi:test:Room;1', 1);
    expect(one.nodes.map((node) => [node.id, node.distance])).toEqual([
      ['dtmi:test:Space;1', 1],
      ['dtmi:test:Floor;1', 1],
      ['dtmi:test:Room;1', 0],
      ['dtmi:test:Thermostat;1', 1],
      ['dtmi:other:Meter;1', 1],
    ]);
    expect(one.edges.map((edge) => `${edge.source} -${edge.label}-> ${edge.target} (${edge.kind})`)).toEqual([
      'dtmi:test:Floor;1 -extends-> dtmi:test:Space;1 (extends)',
      'dtmi:test:Floor;1 -contains-> dtmi:test:Room;1 (relationship)',
      'dtmi:test:Room;1 -extends-> dtmi:test:Space;1 (extends)',
      'dtmi:test:Room;1 -thermostat-> dtmi:test:Thermostat;1 (component)',
      'dtmi:other:Meter;1 -feeds-> dtmi:test:Room;1 (relationship)',
    ]);
    expect(modelGraph(nodes, 'dtmi:test:Room;1', 2).nodes).toHaveLength(6);
    const all = modelGraph(nodes, undefined, 1);
    expect([all.nodes.length, all.edges.length]).toEqual([6, 7]);
  });
});
