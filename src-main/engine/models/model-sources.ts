import { EngineError, ErrorCode, type ModelProblem, type ModelSource } from '../../../src-shared/contract';
import { parseJsonText, type DtdlError } from './dtdl';

/** An interface given at the top level of a source: what the store keeps as one model. */
export interface TopLevelModel {
  readonly id: string;
  readonly definition: unknown;
  readonly source: string;
}

/** The interfaces at the top level of each source (one object, or an array of them). */
export function topLevelModels(sources: readonly ModelSource[]): TopLevelModel[] {
  const models: TopLevelModel[] = [];
  for (const source of sources) {
    const parsed = parseJsonText(source.text);
    if (!parsed.ok) continue;
    const values: unknown[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
    for (const value of values) {
      const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['@id'] : undefined;
      if (typeof id === 'string') models.push({ id, definition: value, source: source.name });
    }
  }
  return models;
}

/** A parser error located in the caller's sources (documents past them came from the store). */
export function toModelProblem(error: DtdlError, sources: readonly ModelSource[]): ModelProblem {
  const { documentIndex, ...rest } = error;
  const source = documentIndex === undefined || documentIndex < 0 ? undefined : (sources[documentIndex]?.name ?? 'a stored model');
  return { ...rest, ...(source !== undefined ? { source } : {}) };
}

/** Checks that `sources` is an array of `{ name, text }`, as the contract says. */
export function checkSources(sources: unknown): asserts sources is readonly ModelSource[] {
  if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'object' && s !== null && typeof s.name === 'string' && typeof s.text === 'string')) {
    throw new EngineError(ErrorCode.InvalidArgument, 'Model sources must be an array of { name, text } objects, one per file.');
  }
}
