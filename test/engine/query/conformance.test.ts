// Conformance with ADT's query docs: each case runs in strict mode over the fixture graph and
// must return exactly the expected rows (as a multiset unless the case is ordered).
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourCases, howToCases, referenceCases, type ConformanceCase } from './fixtures/cases';
import { allRows, canonical, fixtureDatabase } from './helpers';

let db: Database;
beforeAll(async () => {
  db = await fixtureDatabase();
});
afterAll(() => db.close());

function check(c: ConformanceCase): void {
  const rows = allRows(db, c.query, { strict: true, pageSize: 7 });
  if (c.ordered) expect(rows).toEqual(c.rows);
  else expect(canonical(rows)).toEqual(canonical(c.rows));
}

describe('ADT query reference examples (strict mode)', () => {
  it.each(referenceCases.map((c) => [c.name, c] as const))('%s', (_, c) => check(c));
});

describe('"Query the twin graph" how-to examples (strict mode)', () => {
  it.each(howToCases.map((c) => [c.name, c] as const))('%s', (_, c) => check(c));
});

describe('documented semantics (strict mode)', () => {
  it.each(behaviourCases.map((c) => [c.name, c] as const))('%s', (_, c) => check(c));
});

describe('the conformance suite itself', () => {
  it('has at least 120 cases with distinct names', () => {
    const all = [...referenceCases, ...howToCases, ...behaviourCases];
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});
