// Scene documents live in the workspace as `scenes/<id>.json`, one file each, written atomically,
// so a workspace folder copied elsewhere carries its scenes along.

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, ErrorCode, type SceneDocument, type SceneSummary } from '../../../src-shared/contract';
import { checkScene, sceneIdPattern } from './scene-check';

/** A scene in a few numbers: counts, linked twins, plan extent. */
export function summarize(scene: SceneDocument): SceneSummary {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const space of scene.spaces) {
    for (const p of Array.isArray(space.outline) ? space.outline : []) {
      if (!Number.isFinite(p?.x) || !Number.isFinite(p?.y)) continue;
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  const top = scene.levels.reduce((highest, level) => Math.max(highest, level.elevation + level.height), 0);
  const linked = new Set([...scene.spaces.flatMap((s) => (s.twinId ? [s.twinId] : [])), ...scene.assets.flatMap((a) => a.mappings.map((m) => m.twinId))]);
  return {
    id: scene.id,
    name: scene.name,
    source: scene.source,
    levels: scene.levels.length,
    spaces: scene.spaces.length,
    walls: scene.walls.length,
    assets: scene.assets.length,
    linkedTwins: linked.size,
    problems: scene.problems,
    bounds: minX <= maxX ? { minX, minY, maxX, maxY, top } : null,
  };
}

/** The scenes folder of a workspace. */
export class SceneStore {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'scenes');
  }

  private file(id: string): string {
    if (!sceneIdPattern.test(id)) throw new EngineError(ErrorCode.InvalidArgument, `"${id}" is not a scene id: 1 to 64 letters, digits, dots, dashes or underscores.`, { id });
    return join(this.dir, `${id}.json`);
  }

  /** Every stored scene's id, sorted. */
  async ids(): Promise<string[]> {
    try {
      return (await readdir(this.dir))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -5))
        .filter((id) => sceneIdPattern.test(id))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Reads and re-checks a stored scene; a file edited by hand into a wrong shape is reported with its path. */
  async read(id: string): Promise<SceneDocument> {
    const path = this.file(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EngineError(ErrorCode.NotFound, `There is no scene ${id}.`, { id });
      throw error;
    }
    try {
      return checkScene(JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError(ErrorCode.InvalidArgument, `The scene file ${path} cannot be read: ${reason}`, { id, path });
    }
  }

  /** Writes a scene atomically (temp file, then rename). */
  async write(scene: SceneDocument): Promise<void> {
    const path = this.file(scene.id);
    await mkdir(this.dir, { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(scene), 'utf8');
    await rename(temp, path);
  }

  async delete(id: string): Promise<void> {
    const path = this.file(id);
    const existing = await this.ids();
    if (!existing.includes(id)) throw new EngineError(ErrorCode.NotFound, `There is no scene ${id}.`, { id });
    await rm(path);
  }
}
