import type { DigitalTwin, JsonPatchOperation } from '../../../src-shared/contract';

const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
/** A member without its `$metadata` (components carry timestamps that are not content). */
const content = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && '$metadata' in value
    ? Object.fromEntries(Object.entries(value).filter(([name]) => name !== '$metadata'))
    : value;
const same = (a: unknown, b: unknown) => JSON.stringify(content(a)) === JSON.stringify(content(b));

/** The patch that turns `before`'s members into `after`'s, system (`$`) members aside. */
export function membersDiff(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): JsonPatchOperation[] {
  const patch: JsonPatchOperation[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (name.startsWith('$')) continue;
    if (!Object.hasOwn(before, name)) patch.push({ op: 'add', path: `/${escape(name)}`, value });
    else if (!same(before[name], value)) patch.push({ op: 'replace', path: `/${escape(name)}`, value });
  }
  for (const name of Object.keys(before)) {
    if (!name.startsWith('$') && !Object.hasOwn(after, name)) patch.push({ op: 'remove', path: `/${escape(name)}` });
  }
  return patch;
}

/** What a twin replace reports in its Update event: a model change, then the members' diff. */
export function contentsDiff(before: DigitalTwin, after: DigitalTwin): JsonPatchOperation[] {
  const model: JsonPatchOperation[] = before.$metadata.$model === after.$metadata.$model ? [] : [{ op: 'replace', path: '/$metadata/$model', value: after.$metadata.$model }];
  return [...model, ...membersDiff(before, after)];
}
