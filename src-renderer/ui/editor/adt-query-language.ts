import { StreamLanguage, StringStream, type StreamParser } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/** Keywords of the ADT query dialect and its extensions; matched without regard to case. */
export const queryKeywords: readonly string[] = [
  'SELECT', 'FROM', 'DIGITALTWINS', 'RELATIONSHIPS', 'JOIN', 'RELATED', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'NIN', 'AS', 'TOP', 'MATCH',
  'ORDER', 'BY', 'ASC', 'DESC', 'GROUP', 'LIMIT', 'OFFSET', 'LEFT', 'OUTER', 'OPTIONAL', 'DISTINCT', 'TRUE', 'FALSE', 'NULL',
];

/** Functions of the dialect (type checks, string tests, aggregates). */
export const queryFunctions: readonly string[] = [
  'IS_OF_MODEL', 'IS_DEFINED', 'IS_NULL', 'IS_PRIMITIVE', 'IS_BOOL', 'IS_NUMBER', 'IS_STRING', 'IS_OBJECT',
  'STARTSWITH', 'ENDSWITH', 'CONTAINS', 'ARRAY_CONTAINS', 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX',
];

/** The kinds of token the highlighter tells apart. */
export type QueryTokenKind = 'keyword' | 'function' | 'literal' | 'string' | 'number' | 'name' | 'systemName' | 'escapedName' | 'operator' | 'punctuation' | 'invalid';

/** One token of query text: where it is and what it is. */
export interface QueryToken {
  readonly from: number;
  readonly to: number;
  readonly kind: QueryTokenKind;
  readonly text: string;
}

const keywordSet = new Set(queryKeywords);
const functionSet = new Set(queryFunctions);
const literals = new Set(['TRUE', 'FALSE', 'NULL']);
const operators = ['!=', '<>', '<=', '>=', '..', '=', '<', '>', '-', '*', '|', ':'];

/** Between lines the tokenizer only has to remember an open string or escaped name. */
interface ScanState {
  open: null | "'" | '"' | ']]';
}

function readQuoted(stream: StringStream, state: ScanState): QueryTokenKind {
  const close = state.open!;
  while (!stream.eol()) {
    if (close === ']]') {
      if (stream.match(']]')) {
        state.open = null;
        return 'escapedName';
      }
      stream.next();
      continue;
    }
    const char = stream.next();
    if (char === '\\') stream.next();
    else if (char === close) {
      state.open = null;
      return 'string';
    }
  }
  return close === ']]' ? 'escapedName' : 'string';
}

/** Reads one token from `stream`, or skips whitespace (returns null). */
function readToken(stream: StringStream, state: ScanState): QueryTokenKind | null {
  if (state.open) return readQuoted(stream, state);
  if (stream.eatSpace()) return null;
  const char = stream.peek()!;
  if (char === "'" || char === '"') {
    stream.next();
    state.open = char;
    return readQuoted(stream, state);
  }
  if (stream.match('[[')) {
    state.open = ']]';
    return readQuoted(stream, state);
  }
  if (stream.match(/^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/)) return 'number';
  const word = stream.match(/^[A-Za-z_$][A-Za-z0-9_$]*/) as RegExpMatchArray | null;
  if (word) {
    const upper = word[0].toUpperCase();
    if (word[0].startsWith('$')) return 'systemName';
    if (literals.has(upper)) return 'literal';
    if (functionSet.has(upper) && /^\s*\(/.test(stream.string.slice(stream.pos))) return 'function';
    if (keywordSet.has(upper)) return 'keyword';
    return 'name';
  }
  for (const operator of operators) if (stream.match(operator)) return 'operator';
  if (stream.match(/^[()[\],.]/)) return 'punctuation';
  stream.next();
  return 'invalid';
}

const parser: StreamParser<ScanState> = {
  name: 'adt-query',
  startState: () => ({ open: null }),
  copyState: (state) => ({ open: state.open }),
  token: (stream, state) => readToken(stream, state),
  tokenTable: {
    keyword: tags.keyword,
    function: tags.function(tags.variableName),
    literal: tags.atom,
    string: tags.string,
    number: tags.number,
    name: tags.variableName,
    systemName: tags.special(tags.propertyName),
    escapedName: tags.special(tags.variableName),
    operator: tags.operator,
    punctuation: tags.punctuation,
    invalid: tags.invalid,
  },
  languageData: { commentTokens: {} },
};

/** The CodeMirror language of the ADT query dialect. */
export const adtQueryLanguage = StreamLanguage.define(parser);

/** Splits query text into tokens exactly as the editor highlights it. */
export function tokenizeQuery(text: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const state = parser.startState!(2);
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const stream = new StringStream(line, 2, 2);
    while (!stream.eol()) {
      const kind = readToken(stream, state);
      if (kind !== null) tokens.push({ from: lineStart + stream.start, to: lineStart + stream.pos, kind, text: line.slice(stream.start, stream.pos) });
      stream.start = stream.pos;
    }
    lineStart += line.length + 1;
  }
  return tokens;
}
