import type { ModelSource, ModelValidation } from '../../../src-shared/contract';
import { cloudWarnings } from './cloud-limits';
import { parseModels, type DtmiResolver, type ParseResult } from './dtdl';
import { topLevelModels, toModelProblem } from './model-sources';

export interface ValidateSourcesOptions {
  /** Supplies models the sources reference but do not define (the workspace's stored models). */
  readonly resolve?: DtmiResolver;
  /** Add Azure Digital Twins' limits as warnings. */
  readonly cloudCompatible?: boolean;
  /** Models already in the target instance, for the instance-size limit. */
  readonly storedCount?: number;
}

/** Validates model sources as one set, with errors located by source name and line. */
export async function validateModelSources(sources: readonly ModelSource[], options: ValidateSourcesOptions = {}): Promise<ModelValidation & { readonly result: ParseResult }> {
  const result = await parseModels(
    sources.map((source) => source.text),
    options.resolve ? { resolve: options.resolve } : {},
  );
  const models = topLevelModels(sources);
  return {
    ok: result.ok,
    interfaceCount: models.length,
    errors: result.ok ? [] : result.errors.map((error) => toModelProblem(error, sources)),
    warnings: options.cloudCompatible ? cloudWarnings(models, options.storedCount ?? 0) : [],
    result,
  };
}
