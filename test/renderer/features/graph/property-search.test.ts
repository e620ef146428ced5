import { describe, expect, it } from 'vitest';
import { isPropertySearch, propertySearchQuery } from '../../../../src-renderer/features/graph/property-search';

const select = 'SELECT T.$dtId AS id, T.$metadata.$model AS model, T.name AS name FROM DIGITALTWINS T';

describe('the property search', () => {
  it('reads comparisons and WHERE clauses as property searches, and anything else as an id or a name', () => {
    expect(isPropertySearch('temperature > 25')).toBe(true);
    expect(isPropertySearch("name = 'Room 1'")).toBe(true);
    expect(isPropertySearch('where IS_DEFINED(T.area)')).toBe(true);
    expect(isPropertySearch('hq-f1-r1')).toBe(false);
    expect(isPropertySearch('Lobby')).toBe(false);
  });

  it('builds a query over every twin from a number comparison', () => {
    expect(propertySearchQuery('temperature > 25')).toEqual({ query: `${select} WHERE T.temperature > 25` });
    expect(propertySearchQuery('area<=-3.5e2')).toEqual({ query: `${select} WHERE T.area <= -3.5e2` });
  });

  it('quotes text values again, escaping quotes and backslashes, whichever quotes were typed', () => {
    expect(propertySearchQuery("name = 'Room 1'")).toEqual({ query: `${select} WHERE T.name = 'Room 1'` });
    expect(propertySearchQuery('name != "O\'Brien \\ 2"')).toEqual({ query: `${select} WHERE T.name != 'O\\'Brien \\\\ 2'` });
  });

  it('reaches component properties and system properties, and takes true, false and null as they are', () => {
    expect(propertySearchQuery('thermostat.setpoint >= 21')).toEqual({ query: `${select} WHERE T.thermostat.setpoint >= 21` });
    expect(propertySearchQuery("$dtId = 'hq'")).toEqual({ query: `${select} WHERE T.$dtId = 'hq'` });
    expect(propertySearchQuery('occupied = true')).toEqual({ query: `${select} WHERE T.occupied = true` });
    expect(propertySearchQuery('status <> null')).toEqual({ query: `${select} WHERE T.status <> null` });
  });

  it('passes a WHERE clause through as written', () => {
    expect(propertySearchQuery("  WHERE T.area > 40 AND T.status = 'free' ")).toEqual({ query: `${select} WHERE T.area > 40 AND T.status = 'free'` });
  });

  it('says what is wrong with text it cannot read', () => {
    expect(propertySearchQuery('name = Lobby')).toEqual({ error: "Put text in quotes: name = 'Lobby'. Numbers, true, false and null go without." });
    expect(propertySearchQuery('temperature >')).toEqual({
      error: `"temperature >" needs a value to compare with. Write a comparison such as temperature > 25 or name = 'Room 1', or a WHERE clause such as WHERE T.area > 40 AND T.status = 'free'.`,
    });
    expect(propertySearchQuery('= 3')).toEqual({
      error: `Cannot read "= 3" as a property search. Write a comparison such as temperature > 25 or name = 'Room 1', or a WHERE clause such as WHERE T.area > 40 AND T.status = 'free'.`,
    });
    expect(propertySearchQuery("name = 'Lobby")).toEqual({ error: "The text 'Lobby has no closing '." });
  });
});
