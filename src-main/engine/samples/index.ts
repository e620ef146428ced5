// Sample worlds: deterministic, seeded twin graphs (campus, factory, grid) for the models in
// `resources/worlds/<name>/models`. See docs/samples.md.

export { generateWorld, isSampleWorld, maxWorldScale, sampleWorldInfo, type SampleWorldInfo } from './generate-world';
export { readWorldModels } from './read-models';
export { sampleRecords } from './sample-records';
export { sampleRules } from './sample-rules';
export { sampleWorlds, type SampleRelationship, type SampleTwin, type SampleWorld, type SampleWorldName, type WorldCounts, type WorldOptions } from './world-types';
