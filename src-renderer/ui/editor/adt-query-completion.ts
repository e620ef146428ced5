import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { queryFunctions, queryKeywords, tokenizeQuery, type QueryToken } from './adt-query-language';
import type { QueryVocabulary } from './query-vocabulary';

/** A collection a query names (`FROM DIGITALTWINS T`, `JOIN R RELATED T.contains`, `MATCH (a)-[r]->(b)`). */
export interface QueryAlias {
  readonly name: string;
  readonly kind: 'twin' | 'relationship';
}

const twinSystemNames = ['$dtId', '$etag', '$metadata'];
const metadataNames = ['$model', '$lastUpdateTime'];
const relationshipSystemNames = ['$relationshipId', '$sourceId', '$targetId', '$relationshipName', '$etag'];

const isName = (token: QueryToken | undefined) => token !== undefined && (token.kind === 'name' || token.kind === 'escapedName');
const nameOf = (token: QueryToken) => (token.kind === 'escapedName' ? token.text.slice(2, -2) : token.text);
const is = (token: QueryToken | undefined, text: string) => token !== undefined && token.text.toUpperCase() === text;

/** The collections a query's text names, in the order they appear. */
export function aliasesInScope(tokens: readonly QueryToken[]): QueryAlias[] {
  const aliases: QueryAlias[] = [];
  const add = (token: QueryToken, kind: QueryAlias['kind']) => {
    if (!aliases.some((alias) => alias.name === nameOf(token))) aliases.push({ name: nameOf(token), kind });
  };
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (!isName(next)) return;
    if (is(token, 'DIGITALTWINS') || is(token, 'JOIN')) add(next!, 'twin');
    else if (is(token, 'RELATIONSHIPS')) add(next!, 'relationship');
    else if (token.text === '(' && !is(tokens[i - 1], 'IS_OF_MODEL') && tokens[i - 1]?.kind !== 'function' && (tokens[i + 2]?.text === ')' || tokens[i + 2]?.text === ':')) add(next!, 'twin');
    else if (token.text === '[' && ['', ':', ']', '*'].includes(tokens[i + 2]?.text ?? '')) add(next!, 'relationship');
    else if (isName(token) && tokens[i - 1]?.text === '.' && is(tokens[i - 3], 'RELATED')) add(next!, 'relationship');
  });
  return aliases;
}

const option = (label: string, type: string, detail?: string, boost = 0): Completion => ({ label, type, detail, boost });

function isOpenString(token: QueryToken): boolean {
  const quote = token.text[0];
  return token.text.length === 1 || !token.text.endsWith(quote!) || token.text.endsWith(`\\${quote}`);
}

/** Members after `alias.`: what a twin or a relationship holds, or the relationships after `RELATED alias.`. */
function membersAfterDot(tokens: readonly QueryToken[], dot: number, vocabulary: QueryVocabulary, aliases: readonly QueryAlias[]): Completion[] {
  const owner = tokens[dot - 1];
  if (owner?.text === '$metadata') return metadataNames.map((name) => option(name, 'property', 'system'));
  if (owner && is(tokens[dot - 2], 'RELATED')) return vocabulary.relationships.map((entry) => option(entry.name, 'type', entry.detail));
  const alias = owner ? aliases.find((candidate) => candidate.name === nameOf(owner)) : undefined;
  if (alias?.kind === 'relationship') {
    return [...relationshipSystemNames.map((name) => option(name, 'property', 'system', -1)), ...vocabulary.relationshipProperties.map((entry) => option(entry.name, 'property', entry.detail))];
  }
  return [...twinSystemNames.map((name) => option(name, 'property', 'system', -1)), ...vocabulary.properties.map((entry) => option(entry.name, 'property', entry.detail))];
}

/** Completes what fits where the cursor is: model ids in strings, members after a dot, relationships in MATCH, else words and aliases. */
export function completeQuery(context: CompletionContext, vocabulary: QueryVocabulary): CompletionResult | null {
  const before = context.state.sliceDoc(0, context.pos);
  const tokens = tokenizeQuery(before);
  const last = tokens.at(-1);
  if (last && last.kind === 'string' && last.to === context.pos && isOpenString(last)) {
    return { from: last.from + 1, options: vocabulary.models.map((entry) => option(entry.name, 'class', entry.detail)), validFor: /^[^'"\\]*$/ };
  }
  const word = context.matchBefore(/[A-Za-z_$][A-Za-z0-9_$]*$/);
  const from = word ? word.from : context.pos;
  const preceding = tokens.filter((token) => token.to <= from);
  const previous = preceding.at(-1);
  const adjacent = previous !== undefined && previous.to === from;
  const aliases = aliasesInScope(tokenizeQuery(context.state.doc.toString()));
  if (adjacent && previous.text === '.') return { from, options: membersAfterDot(preceding, preceding.length - 1, vocabulary, aliases), validFor: /^[A-Za-z0-9_$]*$/ };
  if (adjacent && (previous.text === ':' || previous.text === '|')) {
    const bracket = preceding.findLastIndex((token) => token.text === '[' || token.text === ']');
    if (bracket >= 0 && preceding[bracket]!.text === '[') return { from, options: vocabulary.relationships.map((entry) => option(entry.name, 'type', entry.detail)), validFor: /^[A-Za-z0-9_$]*$/ };
  }
  if (!word && !context.explicit) return null;
  return {
    from,
    options: [
      ...aliases.map((alias) => option(alias.name, 'variable', alias.kind === 'twin' ? 'twin collection' : 'relationship collection', 2)),
      ...queryKeywords.map((keyword) => option(keyword, 'keyword', undefined, -1)),
      ...queryFunctions.map((name) => ({ ...option(name, 'function'), apply: `${name}(` })),
    ],
    validFor: /^[A-Za-z0-9_$]*$/,
  };
}

/** A CodeMirror completion source over the vocabulary `current()` returns at the time of asking. */
export function queryCompletionSource(current: () => QueryVocabulary): CompletionSource {
  return (context) => completeQuery(context, current());
}
