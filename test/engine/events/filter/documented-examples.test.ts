// Every example filter from ADT's "Create event routes and filters" article (its supported-filters
// table, data types, operators and functions) and the earlier "Manage routes" AND/OR examples,
// with the exact set of fixture events each one routes.
import { describe, expect, it } from 'vitest';
import { compileRouteFilter } from '../../../../src-main/engine/events/filter';
import { matching, type EventName } from './fixtures';

const documented: ReadonlyArray<readonly [string, readonly EventName[]]> = [
  // True / False
  ['true', ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']],
  ['false', []],
  // Type (az dt route create example, and each documented event type value)
  ["type = 'Microsoft.DigitalTwins.Twin.Create'", ['twinCreate']],
  ["type = 'Microsoft.DigitalTwins.Twin.Delete'", ['twinDelete']],
  ["type = 'Microsoft.DigitalTwins.Twin.Update'", ['twinUpdate']],
  ["type = 'Microsoft.DigitalTwins.Relationship.Create'", ['relationshipCreate']],
  ["type = 'Microsoft.DigitalTwins.Relationship.Update'", []],
  ["type = 'Microsoft.DigitalTwins.Relationship.Delete'", []],
  ["type = 'microsoft.iot.telemetry'", ['telemetry']],
  // Source: notifications carry the host name, telemetry the host name and twin id
  ["source = 'mydt.api.wcus.digitaltwins.azure.net'", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate']],
  ["source = 'mydt.api.wcus.digitaltwins.azure.net/room1'", ['telemetry']],
  // Subject: twin id, relationship URI, telemetry component path
  ["subject = 'room1'", ['twinCreate', 'twinUpdate']],
  ["subject = 'floor2/relationships/rel-room1'", ['relationshipCreate']],
  ["subject = 'comp1.comp2'", ['telemetry']],
  // Data schema: telemetry attribute; notifications at $body.$metadata.$model / $body.modelId
  ["dataschema = 'dtmi:example:com:floor4;2'", ['telemetry']],
  ["$body.$metadata.$model = 'dtmi:example:com:floor4;2'", ['twinCreate']],
  ["$body.modelId = 'dtmi:example:com:floor4;2'", ['twinUpdate']],
  // Content type and spec version
  ["datacontenttype = 'application/json'", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']],
  ["specversion = '1.0'", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']],
  // Data types
  ["STARTS_WITH($body.$metadata.$model, 'dtmi:example:com:floor')", ['twinCreate', 'twinDelete']],
  ["CONTAINS(subject, 'room1')", ['twinCreate', 'twinUpdate', 'relationshipCreate']],
  ['$body.errorCode > 200', ['twinCreate', 'telemetry']],
  ['$body.temperature <= 5.5', ['twinCreate', 'telemetry']],
  ['$body.poweredOn = true', ['twinCreate']],
  ['$body.prop != null', ['twinCreate']],
  // Operators
  ["(type != 'microsoft.iot.telemetry' OR datacontenttype = 'application/json') OR (specversion != '1.0')", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']],
  // Functions
  ["ENDS_WITH($body.$metadata.$model, 'floor;1')", ['twinDelete']],
  // "Manage routes" (earlier article): AND / OR
  ["type != 'microsoft.iot.telemetry' AND datacontenttype = 'application/json'", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate']],
  ["type != 'microsoft.iot.telemetry' OR datacontenttype = 'application/json'", ['twinCreate', 'twinUpdate', 'twinDelete', 'relationshipCreate', 'telemetry']],
];

describe('ADT documented route filter examples', () => {
  it.each(documented)('%s', (text, expected) => {
    expect(matching(compileRouteFilter(text))).toEqual(expected);
  });

  it('parses every documented example in strict mode', () => {
    for (const [text] of documented) expect(() => compileRouteFilter(text, { strict: true })).not.toThrow();
  });

  it('is case-sensitive in values, as the article notes', () => {
    expect(matching(compileRouteFilter("type = 'microsoft.digitaltwins.twin.create'"))).toEqual([]);
    expect(matching(compileRouteFilter("type = 'Microsoft.IoT.Telemetry'"))).toEqual([]);
    expect(matching(compileRouteFilter("CONTAINS(subject, 'ROOM1')"))).toEqual([]);
  });
});
