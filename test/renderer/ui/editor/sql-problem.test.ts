import { describe, expect, it } from 'vitest';
import { duckdbErrorOffset } from '../../../../src-renderer/ui/editor/sql-problem';

describe('DuckDB error positions', () => {
  it('finds the offset a binder error points at on a later line', () => {
    const text = 'SELECT name\nFROM telemetry\nWHERE valu > 3';
    const message = 'Binder Error: Referenced column "valu" not found in FROM clause!\nCandidate bindings: "value"\n\nLINE 3: WHERE valu > 3\n              ^';
    expect(duckdbErrorOffset(text, message)).toBe(text.indexOf('valu '));
  });

  it('finds the offset of a parser error on the first line', () => {
    const text = 'SELECT * FORM telemetry';
    const message = 'Failed to extract statements: Parser Error: syntax error at or near "telemetry"\n\nLINE 1: SELECT * FORM telemetry\n                      ^';
    expect(duckdbErrorOffset(text, message)).toBe(14);
  });

  it('gives no offset for a message without a position or with a cut excerpt', () => {
    expect(duckdbErrorOffset('SELECT 1', 'Catalog Error: Table with name x does not exist!')).toBeNull();
    expect(duckdbErrorOffset('SELECT 1', 'Parser Error\n\nLINE 1: ...long query\n           ^')).toBeNull();
  });
});
