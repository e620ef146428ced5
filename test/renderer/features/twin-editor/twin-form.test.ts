import { describe, expect, it } from 'vitest';
import type { ContentView, ModelDetail } from '../../../../src-shared/contract';
import { checkTwinId, defaultRelationshipId, fieldAtPath, fieldsOf, readFields, targetQuery, twinBody, twinFormGroups } from '../../../../src-renderer/features/twin-editor/twin-form';

const content = (entry: Partial<ContentView> & Pick<ContentView, 'kind' | 'name'>): ContentView => ({ id: `${entry.name}-id`, declaredIn: 'dtmi:test:Room;1', inherited: false, types: [], ...entry });

const room: ModelDetail = {
  id: 'dtmi:test:Room;1',
  displayName: { en: 'Room' },
  description: {},
  uploadTime: '2026-01-01T00:00:00Z',
  decommissioned: false,
  model: {},
  extends: ['dtmi:test:Space;1'],
  ancestors: ['dtmi:test:Space;1'],
  contents: [
    content({ kind: 'Property', name: 'seats', schema: 'integer' }),
    content({ kind: 'Property', name: 'status', schema: { kind: 'Enum', valueSchema: 'string', values: [{ name: 'free', value: 'free' }, { name: 'booked', value: 'booked' }] }, writable: true }),
    content({ kind: 'Property', name: 'location', schema: { kind: 'Object', fields: [{ name: 'x', schema: 'double' }, { name: 'y', schema: 'double' }] }, writable: true }),
    content({ kind: 'Property', name: 'heated', schema: 'boolean', writable: true }),
    content({ kind: 'Property', name: 'openedOn', schema: 'date' }),
    content({ kind: 'Telemetry', name: 'temperature', schema: 'double' }),
    content({ kind: 'Command', name: 'reboot' }),
    content({ kind: 'Relationship', name: 'observedBy', target: 'dtmi:test:Sensor;1' }),
    content({ kind: 'Component', name: 'thermostat', componentSchema: 'dtmi:test:Thermostat;1' }),
    content({ kind: 'Property', name: 'name', schema: 'string', writable: true, inherited: true, declaredIn: 'dtmi:test:Space;1', displayName: { en: 'Name' } }),
  ],
};

const thermostat: ModelDetail = { ...room, id: 'dtmi:test:Thermostat;1', extends: [], ancestors: [], contents: [content({ kind: 'Property', name: 'setpoint', schema: 'double', writable: true, declaredIn: 'dtmi:test:Thermostat;1' })] };

describe('the new-twin form built from flattened contents', () => {
  const groups = twinFormGroups(room, { 'dtmi:test:Thermostat;1': thermostat });

  it('offers every property, inherited ones marked, with an input typed by schema, then each component as a group', () => {
    expect(groups.map((group) => group.fields.map((field) => [field.key, field.input, field.writable, field.inheritedFrom ?? null, field.label]))).toEqual([
      [
        ['seats', 'number', false, null, 'seats'],
        ['status', 'enum', true, null, 'status'],
        ['location', 'json', true, null, 'location'],
        ['heated', 'boolean', true, null, 'heated'],
        ['openedOn', 'date', false, null, 'openedOn'],
        ['name', 'text', true, 'dtmi:test:Space;1', 'Name'],
      ],
      [['thermostat/setpoint', 'number', true, null, 'setpoint']],
    ]);
    expect(groups[1]).toMatchObject({ component: 'thermostat', componentModel: 'dtmi:test:Thermostat;1' });
    expect(groups[0]!.fields.map((field) => field.expects)).toEqual(['an integer', 'one of "free", "booked"', 'an object {x, y}', 'a boolean', 'a date', 'a string']);
  });

  it('reads the typed text with the inspector’s checks, leaving empty fields out', () => {
    const fields = groups.flatMap((group) => group.fields);
    const read = readFields(fields, { seats: '8', status: 'booked', location: '{"x": 1, "y": 2}', heated: 'false', openedOn: '', name: 'Vega', 'thermostat/setpoint': '21.5' });
    expect(read).toEqual({ values: { seats: 8, status: 'booked', location: { x: 1, y: 2 }, heated: false, name: 'Vega', 'thermostat/setpoint': 21.5 }, invalid: {} });
    expect(twinBody(room.id, groups, read.values)).toEqual({
      $metadata: { $model: 'dtmi:test:Room;1' },
      seats: 8,
      status: 'booked',
      location: { x: 1, y: 2 },
      heated: false,
      name: 'Vega',
      thermostat: { $metadata: {}, setpoint: 21.5 },
    });
  });

  it('blocks a wrong-typed value with what the model expects, and still sends every component', () => {
    const fields = groups.flatMap((group) => group.fields);
    expect(readFields(fields, { seats: '8.5', location: '{"x": 1, "y": "north"}', 'thermostat/setpoint': 'warm', openedOn: '31/01/2026' }).invalid).toEqual({
      seats: 'seats expects an integer.',
      location: 'location expects an object {x, y} with y a double.',
      openedOn: 'openedOn expects a date such as 2026-01-31.',
      'thermostat/setpoint': 'setpoint expects a double.',
    });
    expect(twinBody(room.id, groups, {})).toEqual({ $metadata: { $model: 'dtmi:test:Room;1' }, thermostat: { $metadata: {} } });
  });

  it('checks the twin id before sending', () => {
    const taken = (id: string) => id === 'hq';
    expect(checkTwinId('', taken)).toBe('Give the twin an id.');
    expect(checkTwinId(' room ', taken)).toBe('A twin id cannot start or end with spaces.');
    expect(checkTwinId('hq', taken)).toBe('A twin with id hq already exists.');
    expect(checkTwinId('room-9', taken)).toBeNull();
  });

  it('puts an engine refusal at the field its path names', () => {
    const keys = ['$dtId', 'location', 'thermostat/setpoint'];
    expect(fieldAtPath('/location/x', keys)).toBe('location');
    expect(fieldAtPath('/thermostat/setpoint', keys)).toBe('thermostat/setpoint');
    expect(fieldAtPath('/$dtId', keys)).toBe('$dtId');
    expect(fieldAtPath('/thermostat', keys)).toBeUndefined();
    expect(fieldAtPath(undefined, keys)).toBeUndefined();
  });
});

describe('the new-relationship form', () => {
  it('takes the relationship’s properties as fields', () => {
    const observes = content({ kind: 'Relationship', name: 'observes', properties: [content({ kind: 'Property', name: 'since', schema: 'dateTime' }), content({ kind: 'Property', name: 'primary', schema: 'boolean' })] });
    const fields = fieldsOf(observes.properties ?? []);
    expect(fields.map((field) => [field.key, field.input])).toEqual([
      ['since', 'text'],
      ['primary', 'boolean'],
    ]);
    expect(readFields(fields, { since: 'yesterday', primary: 'true' })).toEqual({ values: { primary: true }, invalid: { since: 'since expects a dateTime such as 2026-01-31T08:00:00Z.' } });
  });

  it('proposes an id from source, name and target', () => {
    expect(defaultRelationshipId('co2-1', 'observes', 'room-1')).toBe('co2-1-observes-room-1');
    expect(defaultRelationshipId('co2-1', 'observes', '')).toBe('');
  });

  it('finds targets of the relationship’s model, with inheritance, matching the search safely quoted', () => {
    expect(targetQuery('dtmi:test:Room;1', '', 50)).toBe("SELECT TOP(50) T.$dtId AS id, T.name AS name, T.$metadata.$model AS model FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:Room;1')");
    expect(targetQuery(undefined, " O'Brien ", 10)).toBe(
      "SELECT TOP(10) T.$dtId AS id, T.name AS name, T.$metadata.$model AS model FROM DIGITALTWINS T WHERE (CONTAINS(T.$dtId, 'O\\'Brien') OR CONTAINS(T.name, 'O\\'Brien'))",
    );
  });
});
