import type { CloudWarning } from '../../../src-shared/contract';
import type { TopLevelModel } from './model-sources';

/** Azure Digital Twins' model limits (service limits page). Local workspaces may exceed them. */
export const adtModelLimits = {
  modelsPerInstance: 10_000,
  modelsPerCall: 250,
  modelBytes: 1024 * 1024,
} as const;

/** The ADT limits a model upload would exceed, as warnings for the cloud-compatible lint mode. */
export function cloudWarnings(models: readonly TopLevelModel[], storedCount: number): CloudWarning[] {
  const warnings: CloudWarning[] = [];
  if (models.length > adtModelLimits.modelsPerCall) {
    warnings.push({
      limit: 'modelsPerCall',
      message: `The set has ${models.length} models; Azure Digital Twins accepts at most ${adtModelLimits.modelsPerCall} in one upload. Upload it in batches there, or use an import job.`,
    });
  }
  if (storedCount + models.length > adtModelLimits.modelsPerInstance) {
    warnings.push({
      limit: 'modelsPerInstance',
      message: `The workspace would hold ${storedCount + models.length} models; an Azure Digital Twins instance holds at most ${adtModelLimits.modelsPerInstance} by default.`,
    });
  }
  for (const model of models) {
    const bytes = Buffer.byteLength(JSON.stringify(model.definition), 'utf8');
    if (bytes > adtModelLimits.modelBytes) {
      warnings.push({
        limit: 'modelBytes',
        modelId: model.id,
        source: model.source,
        message: `Model ${model.id} is ${bytes} bytes; Azure Digital Twins accepts models of at most ${adtModelLimits.modelBytes} bytes (1 MB).`,
      });
    }
  }
  return warnings;
}
