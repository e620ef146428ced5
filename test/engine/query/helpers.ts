import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { isEngineError } from '../../../src-shared/contract';
import { runQuery, type RunQueryOptions } from '../../../src-main/engine/query';
import { openGraphDatabase } from '../../../src-main/engine/workspace/graph-database';
import { loadFixture } from './fixtures/graph';

/** A fresh in-memory graph database holding the conformance fixture. */
export async function fixtureDatabase(): Promise<Database> {
  const db = await openGraphDatabase(':memory:');
  loadFixture(db);
  return db;
}

/** Every row of a query, following continuation tokens. */
export function allRows(db: Database, query: string, options: RunQueryOptions = {}): unknown[] {
  const rows: unknown[] = [];
  let page = runQuery(db, query, options);
  rows.push(...page.items);
  while (page.continuationToken) {
    page = runQuery(db, query, { ...options, continuationToken: page.continuationToken });
    rows.push(...page.items);
  }
  return rows;
}

/** Rows in a canonical order, for comparing results ADT returns in no particular order. */
export function canonical(rows: readonly unknown[]): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** The error `action` throws, asserted to be a positioned QuerySyntax EngineError. */
export function queryErrorOf(action: () => unknown): { message: string; details: { line: number; column: number; reason: string; hint?: string } } {
  try {
    action();
  } catch (error) {
    expect(isEngineError(error), String(error)).toBe(true);
    const engineError = error as { code: string; message: string; details: { line: number; column: number; reason: string; hint?: string } };
    expect(engineError.code).toBe('QuerySyntax');
    return engineError;
  }
  throw new Error('expected the query to be rejected');
}
