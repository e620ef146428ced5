import type { SceneDocument, SceneProblem, SceneSummary } from '../../../src-shared/contract';

/** Whether the caller may read a twin. */
export type ReadsTwin = (id: string) => boolean;

const problemShown = (reads: ReadsTwin) => (problem: SceneProblem) => problem.twinId === undefined || reads(problem.twinId);

/**
 * A scene as a subject sees it: spaces and mapped meshes of twins it cannot read are gone (their
 * names and links would reveal the twins), levels keep their geometry but lose such links, and
 * problems about hidden twins are left out.
 */
export function sceneFor(scene: SceneDocument, reads: ReadsTwin): SceneDocument {
  return {
    ...scene,
    levels: scene.levels.map((level) => (level.twinId === undefined || reads(level.twinId) ? level : { id: level.id, name: level.id, elevation: level.elevation, height: level.height })),
    spaces: scene.spaces.filter((space) => space.twinId === undefined || reads(space.twinId)),
    assets: scene.assets.map((asset) => ({ ...asset, mappings: asset.mappings.filter((mapping) => reads(mapping.twinId)) })),
    problems: scene.problems.filter(problemShown(reads)),
  };
}

/** A scene summary without problems about hidden twins (its counts stay those of the whole scene). */
export function summaryFor(summary: SceneSummary, reads: ReadsTwin): SceneSummary {
  return { ...summary, problems: summary.problems.filter(problemShown(reads)) };
}
