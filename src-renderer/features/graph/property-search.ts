// The graph's search box reads a comparison (`temperature > 25`, `name = 'Room 1'`) or a WHERE
// clause as a property search, and anything else as an id or a name to find.
import { queryString } from '../../state/query-literal';
import { twinRowsQuery } from './graph-rows';

/** The query of a property search, or what is wrong with the text. */
export type PropertySearch = { readonly query: string } | { readonly error: string };

const whereClause = /^where\s+(.+)$/is;
const comparison = /^(\$?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(=|!=|<>|<=|>=|<|>)\s*(.*)$/s;
const number = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const quoted = /^(['"])(.*)\1$/s;
const example = "Write a comparison such as temperature > 25 or name = 'Room 1', or a WHERE clause such as WHERE T.area > 40 AND T.status = 'free'.";

/** True when the text is meant as a property search rather than an id or a name. */
export function isPropertySearch(text: string): boolean {
  return whereClause.test(text.trim()) || /[=<>]/.test(text);
}

/** A literal for the right-hand side of a comparison: a number, true/false/null, or quoted text. */
function literal(text: string): string | null {
  if (number.test(text) || /^(true|false|null)$/.test(text)) return text;
  const match = quoted.exec(text);
  return match ? queryString(match[2]!) : null;
}

/** The ADT query of a property search over every twin (alias `T`): one comparison, or a WHERE clause as written. */
export function propertySearchQuery(text: string): PropertySearch {
  const input = text.trim();
  const clause = whereClause.exec(input);
  if (clause) return { query: `${twinRowsQuery} WHERE ${clause[1]!.trim()}` };
  const parts = comparison.exec(input);
  if (!parts) return { error: `Cannot read "${input}" as a property search. ${example}` };
  const [, property, operator, right] = parts as unknown as [string, string, string, string];
  const value = right.trim();
  if (value === '') return { error: `"${property} ${operator}" needs a value to compare with. ${example}` };
  const rendered = literal(value);
  if (rendered === null && /^['"]/.test(value)) return { error: `The text ${value} has no closing ${value[0]}.` };
  if (rendered === null) return { error: `Put text in quotes: ${property} ${operator} '${value}'. Numbers, true, false and null go without.` };
  return { query: `${twinRowsQuery} WHERE T.${property} ${operator} ${rendered}` };
}
