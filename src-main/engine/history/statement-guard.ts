import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { EngineError, ErrorCode } from '../../../src-shared/contract';

/** First keywords of statements that only read. DESCRIBE, SHOW and SUMMARIZE are SELECTs to DuckDB. */
const readKeywords = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'EXPLAIN', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE', 'PIVOT', 'UNPIVOT']);

/** The statement's first keyword, past comments, whitespace and opening parentheses. */
export function leadingKeyword(text: string, from = 0): string {
  let rest = text.slice(from);
  for (;;) {
    const trimmed = rest.replace(/^[\s(]+/, '');
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      rest = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return /^[A-Za-z_]+/.exec(trimmed)?.[0].toUpperCase() ?? '';
    }
  }
}

/** Refuses, by its first keyword, a statement that is not a read (checked again by type after parsing). */
export function checkReadKeyword(text: string): void {
  let keyword = leadingKeyword(text);
  if (keyword === 'EXPLAIN') {
    // EXPLAIN ANALYZE runs its statement, so what it explains must be a read as well.
    const after = text.slice(text.toUpperCase().indexOf('EXPLAIN') + 'EXPLAIN'.length);
    keyword = leadingKeyword(after);
    if (keyword === 'ANALYZE' || keyword === 'ANALYSE') keyword = leadingKeyword(after.slice(after.toUpperCase().indexOf('ANALY') + 'ANALYZE'.length));
  }
  if (keyword === '') throw new EngineError(ErrorCode.InvalidArgument, 'The query is empty.');
  if (!readKeywords.has(keyword)) {
    throw new EngineError(ErrorCode.InvalidArgument, `${keyword} statements are not allowed in analytics: only SELECT, WITH, FROM, VALUES, EXPLAIN, DESCRIBE, SHOW and SUMMARIZE read the history.`, { statement: keyword });
  }
}

/** A DuckDB error as the engine reports it: file access refusals are InvalidArgument, the rest QuerySyntax. */
export function fromDuckDbError(error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  if (/^Permission Error/i.test(message)) {
    return new EngineError(ErrorCode.InvalidArgument, `Analytics cannot reach files or the network: ${message}`, { statement: 'FILE_ACCESS' });
  }
  if (/^INTERRUPT Error/i.test(message)) return new EngineError(ErrorCode.Cancelled, 'The query was interrupted.');
  if (/^Out of Memory Error/i.test(message)) {
    return new EngineError(ErrorCode.InvalidArgument, `The query needs more memory than analytics may use: ${message}`, { limit: 'memory' });
  }
  return new EngineError(ErrorCode.QuerySyntax, message);
}

/**
 * Prepares `text` on `connection` if it is exactly one read-only statement; refuses anything
 * else with InvalidArgument naming the statement kind.
 */
export async function prepareReadOnly(connection: DuckDBConnection, text: string): Promise<DuckDBPreparedStatement> {
  checkReadKeyword(text);
  let prepared: DuckDBPreparedStatement;
  try {
    const statements = await connection.extractStatements(text);
    if (statements.count !== 1) {
      throw new EngineError(ErrorCode.InvalidArgument, `Analytics runs exactly one statement; the text has ${statements.count}.`, { statements: statements.count });
    }
    prepared = await statements.prepare(0);
  } catch (error) {
    throw error instanceof EngineError ? error : fromDuckDbError(error);
  }
  const type = prepared.statementType;
  if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN) {
    prepared.destroySync();
    const name = StatementType[type] ?? String(type);
    throw new EngineError(ErrorCode.InvalidArgument, `${name} statements are not allowed in analytics.`, { statement: name });
  }
  return prepared;
}
