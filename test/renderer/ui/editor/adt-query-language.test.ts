import { EditorState } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import { describe, expect, it } from 'vitest';
import type { ModelDetail } from '../../../../src-shared/contract';
import { aliasesInScope, completeQuery } from '../../../../src-renderer/ui/editor/adt-query-completion';
import { vocabularyFromModels, type QueryVocabulary } from '../../../../src-renderer/ui/editor/query-vocabulary';
import { tokenizeQuery } from '../../../../src-renderer/ui/editor/adt-query-language';
import { problemRange } from '../../../../src-renderer/ui/editor/problem-range';

const kinds = (text: string) => tokenizeQuery(text).map((token) => `${token.kind}:${token.text}`);

const room = {
  id: 'dtmi:test:campus:Room;1',
  displayName: { en: 'Room' },
  contents: [
    { kind: 'Property', name: 'area', inherited: false },
    { kind: 'Property', name: 'name', inherited: true },
    { kind: 'Telemetry', name: 'temperature', inherited: false },
  ],
} as unknown as ModelDetail;
const floor = {
  id: 'dtmi:test:campus:Floor;1',
  displayName: { en: 'Floor' },
  contents: [
    { kind: 'Property', name: 'name', inherited: true },
    { kind: 'Relationship', name: 'contains', target: 'dtmi:test:campus:Room;1', properties: [{ kind: 'Property', name: 'since' }] },
    { kind: 'Component', name: 'thermostat', componentSchema: 'dtmi:test:campus:Thermostat;1' },
  ],
} as unknown as ModelDetail;
const vocabulary: QueryVocabulary = vocabularyFromModels([room, floor]);

/** Completion labels offered with the cursor where `|` is. */
function offered(textWithCursor: string, explicit = false): string[] | null {
  const pos = textWithCursor.indexOf('|');
  const state = EditorState.create({ doc: textWithCursor.replace('|', '') });
  const result = completeQuery(new CompletionContext(state, pos, explicit), vocabulary);
  return result ? result.options.map((option) => option.label) : null;
}

describe('the ADT query language mode', () => {
  it('tells keywords, functions, literals, names, system names, strings and numbers apart, in any case', () => {
    expect(kinds("select T.$dtId FROM digitaltwins T WHERE is_of_model(T, 'dtmi:x;1') AND T.area >= 4.5 OR T.on = true")).toEqual([
      'keyword:select', 'name:T', 'punctuation:.', 'systemName:$dtId', 'keyword:FROM', 'keyword:digitaltwins', 'name:T', 'keyword:WHERE',
      'function:is_of_model', 'punctuation:(', 'name:T', 'punctuation:,', "string:'dtmi:x;1'", 'punctuation:)', 'keyword:AND',
      'name:T', 'punctuation:.', 'name:area', 'operator:>=', 'number:4.5', 'keyword:OR', 'name:T', 'punctuation:.', 'name:on', 'operator:=', 'literal:true',
    ]);
  });

  it('reads escaped names, escaped quotes, MATCH arrows and positions across lines', () => {
    expect(kinds("SELECT [[Group]] FROM DIGITALTWINS\nMATCH (a)-[r:feeds*..3]->(b) WHERE a.x = 'it\\'s'")).toEqual([
      'keyword:SELECT', 'escapedName:[[Group]]', 'keyword:FROM', 'keyword:DIGITALTWINS',
      'keyword:MATCH', 'punctuation:(', 'name:a', 'punctuation:)', 'operator:-', 'punctuation:[', 'name:r', 'operator::', 'name:feeds', 'operator:*', 'operator:..', 'number:3', 'punctuation:]', 'operator:-', 'operator:>',
      'punctuation:(', 'name:b', 'punctuation:)', 'keyword:WHERE', 'name:a', 'punctuation:.', 'name:x', 'operator:=', "string:'it\\'s'",
    ]);
    const match = tokenizeQuery('SELECT *\nFROM DIGITALTWINS')[2]!;
    expect([match.from, match.to]).toEqual([9, 13]);
  });

  it('treats a function name without a call as a plain name, and marks stray characters invalid', () => {
    expect(kinds('SELECT T.contains FROM DIGITALTWINS T WHERE T.x = #')).toContain('name:contains');
    expect(kinds('T.x = #')).toEqual(['name:T', 'punctuation:.', 'name:x', 'operator:=', 'invalid:#']);
  });

  it('finds the aliases in scope from FROM, JOIN, RELATED and MATCH', () => {
    expect(aliasesInScope(tokenizeQuery("SELECT F, R, c FROM DIGITALTWINS F JOIN R RELATED F.contains c WHERE F.$dtId = 'f1'"))).toEqual([
      { name: 'F', kind: 'twin' }, { name: 'R', kind: 'twin' }, { name: 'c', kind: 'relationship' },
    ]);
    expect(aliasesInScope(tokenizeQuery('SELECT a, b FROM DIGITALTWINS MATCH (a)-[r:feeds]->(b) WHERE IS_DEFINED(a.x)'))).toEqual([
      { name: 'a', kind: 'twin' }, { name: 'r', kind: 'relationship' }, { name: 'b', kind: 'twin' },
    ]);
    expect(aliasesInScope(tokenizeQuery('SELECT R FROM RELATIONSHIPS R'))).toEqual([{ name: 'R', kind: 'relationship' }]);
  });
});

describe('query completion', () => {
  it('offers model ids inside a string', () => {
    expect(offered("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:|")).toEqual(['dtmi:test:campus:Floor;1', 'dtmi:test:campus:Room;1']);
  });

  it('offers twin properties and components after a twin alias, and system names', () => {
    expect(offered('SELECT T.| FROM DIGITALTWINS T')).toEqual(['$dtId', '$etag', '$metadata', 'area', 'name', 'thermostat']);
    expect(offered('SELECT T.$metadata.| FROM DIGITALTWINS T')).toEqual(['$model', '$lastUpdateTime']);
  });

  it('offers relationship names after RELATED and in a MATCH bracket, and relationship members after a relationship alias', () => {
    expect(offered('SELECT R FROM DIGITALTWINS F JOIN R RELATED F.co|')).toEqual(['contains']);
    expect(offered('SELECT a FROM DIGITALTWINS MATCH (a)-[:|]->(b)')).toEqual(['contains']);
    expect(offered('SELECT R.| FROM RELATIONSHIPS R')).toEqual(['$relationshipId', '$sourceId', '$targetId', '$relationshipName', '$etag', 'since']);
  });

  it('offers aliases first, then keywords and functions, for a word', () => {
    const labels = offered('SELECT Bu| FROM DIGITALTWINS Building')!;
    expect(labels.slice(0, 2)).toEqual(['Building', 'SELECT']);
    expect(labels).toContain('IS_OF_MODEL');
    expect(offered('SELECT * FROM DIGITALTWINS T WHERE |')).toBeNull();
    expect(offered('SELECT * FROM DIGITALTWINS T WHERE |', true)).toContain('T');
  });

  it('records where each name comes from', () => {
    expect(vocabulary.relationships).toEqual([{ name: 'contains', detail: 'Floor → Room' }]);
    expect(vocabulary.properties.find((entry) => entry.name === 'name')).toEqual({ name: 'name', detail: 'Floor, Room' });
    expect(vocabulary.properties.map((entry) => entry.name)).not.toContain('temperature');
  });
});

describe('the problem marker', () => {
  it('underlines the token an error points at, or the last character at the end', () => {
    expect(problemRange('SELECT * FROM DIGITALTWINS T JOIN R RELATED T.contans', 46)).toEqual({ from: 46, to: 53 });
    expect(problemRange('SELECT * FROM', 13)).toEqual({ from: 12, to: 13 });
    expect(problemRange('', 0)).toEqual({ from: 0, to: 0 });
  });
});
