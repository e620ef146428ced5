// Language semantics: precedence, NOT, functions, $body paths, comparisons and keyword case.
import { describe, expect, it } from 'vitest';
import { compileRouteFilter, matchesRouteFilter, parseRouteFilter } from '../../../../src-main/engine/events/filter';
import { events, matching } from './fixtures';

const run = (text: string): string[] => matching(compileRouteFilter(text));

describe('precedence and grouping', () => {
  it('binds AND tighter than OR', () => {
    // true OR (true AND false) is true; (true OR true) AND false would be false.
    expect(run('true OR true AND false')).toEqual(['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']);
    expect(run('(true OR true) AND false')).toEqual([]);
    expect(run("type = 'microsoft.iot.telemetry' OR subject = 'room1' AND type = 'Microsoft.DigitalTwins.Twin.Update'")).toEqual(['twinUpdate', 'telemetry']);
  });

  it('builds flat n-ary AND/OR nodes and nests by parentheses', () => {
    const filter = parseRouteFilter('true AND false AND true OR (false OR true)');
    expect(filter.expression.kind).toBe('or');
    expect(filter.terms).toBe(5);
    expect(filter.depth).toBe(1);
  });

  it('applies NOT to the next condition only, and NOT binds tighter than AND', () => {
    expect(run("NOT type = 'microsoft.iot.telemetry'")).toEqual(['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate']);
    expect(run("NOT subject = 'room1' AND NOT type = 'microsoft.iot.telemetry'")).toEqual(['twinDelete', 'relationshipCreate']);
    expect(run('NOT (true AND false)')).toHaveLength(5);
    expect(run('NOT NOT false')).toEqual([]);
    expect(run('NOT NOT NOT false')).toHaveLength(5);
  });

  it('treats keywords and function names case-insensitively', () => {
    expect(run("type = 'microsoft.iot.telemetry' or Not true And FALSE")).toEqual(['telemetry']);
    expect(run("starts_with(subject, 'floor2')")).toEqual(['twinDelete', 'relationshipCreate']);
    expect(run('$BODY.poweredOn = TRUE')).toEqual(['twinCreate']);
  });
});

describe('functions', () => {
  it('STARTS_WITH, ENDS_WITH and CONTAINS are case-sensitive string tests', () => {
    expect(run("STARTS_WITH(type, 'Microsoft.DigitalTwins.Twin.')")).toEqual(['twinCreate', 'twinUpdate', 'twinDelete']);
    expect(run("ENDS_WITH(type, '.Create')")).toEqual(['twinCreate', 'relationshipCreate']);
    expect(run("CONTAINS(type, 'Relationship')")).toEqual(['relationshipCreate']);
    expect(run("CONTAINS(type, 'relationship')")).toEqual([]);
    expect(run("STARTS_WITH(subject, '')")).toHaveLength(5);
  });

  it('is false for non-string and missing values', () => {
    expect(run("STARTS_WITH($body.errorCode, '4')")).toEqual([]);
    expect(run("CONTAINS(dataschema, 'floor')")).toEqual(['telemetry']);
    expect(run("CONTAINS($body.nothing.here, 'x')")).toEqual([]);
  });
});

describe('$body paths', () => {
  it('reads twin create events, including $metadata', () => {
    expect(run("$body.$dtId = 'room1'")).toEqual(['twinCreate']);
    expect(run("$body.$metadata.temperature.lastUpdateTime = '2024-01-03T10:00:00Z'")).toEqual(['twinCreate']);
    expect(run("$body.$relationshipName = 'contains' AND $body.$targetId = 'room1'")).toEqual(['relationshipCreate']);
  });

  it('reads update events at $body.modelId but does not index into the patch array', () => {
    expect(run("STARTS_WITH($body.modelId, 'dtmi:')")).toEqual(['twinUpdate']);
    expect(run("$body.patch.path = '/temperature'")).toEqual([]);
    expect(run('$body.patch != null')).toEqual(['twinUpdate']);
    expect(run("$body.tags.length = 2")).toEqual([]);
  });

  it('compares missing paths false for every operator, and never reads the prototype', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(run(`$body.missing ${op} 1`)).toEqual([]);
      expect(run(`$body.temperature.deeper ${op} 'x'`)).toEqual([]);
    }
    expect(run('$body.constructor != null')).toEqual([]);
    expect(run('$body.__proto__ != null')).toEqual([]);
    expect(run("$body.$dtId.length = 5")).toEqual([]);
  });

  it('tests null with = and !=', () => {
    expect(run('$body.prop = null')).toEqual(['twinDelete']);
    expect(run('$body.prop != null')).toEqual(['twinCreate']);
    expect(run('$body.prop < null')).toEqual([]);
    expect(run('dataschema = null')).toEqual([]);
  });
});

describe('comparisons', () => {
  it('compares numbers numerically, including negatives, decimals and exponents', () => {
    expect(run('$body.errorCode >= 201')).toEqual(['twinCreate', 'telemetry']);
    expect(run('$body.errorCode < 2.01e2')).toEqual(['twinDelete']);
    expect(run('$body.temperature > -1')).toEqual(['twinCreate', 'telemetry']);
    expect(run('$body.temperature = 4.50')).toEqual(['twinCreate']);
    expect(run('$body.errorCode != 404')).toEqual(['twinDelete', 'telemetry']);
  });

  it('compares strings lexically by code unit', () => {
    expect(run("time >= '2024-01-03T10:03:00Z'")).toEqual(['relationshipCreate', 'telemetry']);
    expect(run("subject < 'g'")).toEqual(['twinDelete', 'relationshipCreate', 'telemetry']);
    expect(run("id > 'e-4'")).toEqual(['telemetry']);
  });

  it('is false for mixed types, with every operator', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(run(`$body.errorCode ${op} '404'`)).toEqual([]);
      expect(run(`$body.poweredOn ${op} 1`)).toEqual([]);
      expect(run(`$body.$metadata ${op} 'x'`)).toEqual([]);
    }
  });

  it('compares booleans only for equality', () => {
    expect(run('$body.poweredOn != true')).toEqual(['telemetry']);
    expect(run('$body.poweredOn > false')).toEqual([]);
  });

  it('decodes doubled quotes in strings and accepts literals on either side', () => {
    expect(run("$body.name = 'O''Brien''s room'")).toEqual(['twinCreate']);
    expect(run("'room1' = subject")).toEqual(['twinCreate', 'twinUpdate']);
    expect(run("1 < 2 AND 'a' != 'b'")).toHaveLength(5);
  });

  it('matchesRouteFilter agrees with the compiled predicate and never throws on odd events', () => {
    const filter = parseRouteFilter("$body.a.b = 1 OR CONTAINS(type, 'x') OR id != null");
    expect(matchesRouteFilter(filter, events.twinCreate)).toBe(true);
    expect(matchesRouteFilter(filter, {})).toBe(false);
    expect(matchesRouteFilter(filter, { data: { a: { b: 1 } } })).toBe(true);
    expect(matchesRouteFilter(filter, { data: null, type: 42 })).toBe(false);
    expect(matchesRouteFilter(filter, { data: [1, 2], id: 'x' })).toBe(true);
  });
});
