import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EngineError, ErrorCode, type MeshMappingRule, type SceneDocument, type SceneSummary } from '../../../engine';
import { formatFields, formatTable, type RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';

const metres = (value: number) => `${Math.round(value * 10) / 10} m`;

function describeSummary(scene: SceneSummary): string {
  const bounds = scene.bounds ? `${metres(scene.bounds.maxX - scene.bounds.minX)} × ${metres(scene.bounds.maxY - scene.bounds.minY)}, ${metres(scene.bounds.top)} high` : '(empty)';
  const fields = formatFields([
    ['Scene', `${scene.id} (${scene.name})`],
    ['Source', scene.source],
    ['Levels', String(scene.levels)],
    ['Spaces', String(scene.spaces)],
    ['Walls', String(scene.walls)],
    ['Assets', String(scene.assets)],
    ['Linked twins', String(scene.linkedTwins)],
    ['Extent', bounds],
  ]);
  if (scene.problems.length === 0) return fields;
  return `${fields}\nProblems (${scene.problems.length}; the rest of the scene renders):\n${scene.problems.map((p) => `  ${p.kind}: ${p.message}`).join('\n')}`;
}

function describeScene(scene: SceneDocument): string {
  const perLevel = new Map<string, number>();
  for (const space of scene.spaces) perLevel.set(space.levelId, (perLevel.get(space.levelId) ?? 0) + 1);
  const levels = scene.levels.length === 0 ? 'No levels.' : formatTable(['LEVEL', 'NAME', 'ELEVATION', 'HEIGHT', 'SPACES'], scene.levels.map((l) => [l.id, l.name, metres(l.elevation), metres(l.height), String(perLevel.get(l.id) ?? 0)]));
  const assets = scene.assets.map((a) => `  ${a.id} (${a.kind}, ${a.file}): ${a.mappings.length} meshes mapped, ${a.unmapped.length} unmapped`);
  const problems = scene.problems.map((p) => `  ${p.kind}: ${p.message}`);
  return [`Scene ${scene.id} (${scene.name}), from ${scene.source}`, levels, ...(assets.length ? ['Assets:', ...assets] : []), ...(problems.length ? [`Problems (${problems.length}; the rest of the scene renders):`, ...problems] : [])].join('\n');
}

/** `--map name`, `--map name:PREFIX`, `--map regex:PATTERN`, `--map extras:ATTRIBUTE`. */
function mappingRule(text: string, previous: MeshMappingRule[] = []): MeshMappingRule[] {
  const [kind, ...rest] = text.split(':');
  const argument = rest.join(':');
  if (kind === 'name') return [...previous, argument ? { kind: 'name', prefix: argument } : { kind: 'name' }];
  if (kind === 'regex' && argument) return [...previous, { kind: 'regex', pattern: argument }];
  if (kind === 'extras' && argument) return [...previous, { kind: 'extras', attribute: argument }];
  throw new EngineError(ErrorCode.InvalidArgument, `--map ${text}: use name, name:PREFIX, regex:PATTERN or extras:ATTRIBUTE.`);
}

/** `twinbench scene list|show|from-twins|import-gltf|import-ifc|put|delete`: scene documents for the 3D view. */
export function registerSceneCommands(program: Command, run: RunCommand): void {
  const scene = program.command('scene').description('scene documents for the 3D floorplan: from twins, glTF or IFC');
  scene
    .command('list')
    .description('list the scenes of the workspace')
    .action((_options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) =>
          cli.print(await engine.spatial.list(), (scenes) => (scenes.length === 0 ? 'No scenes.' : formatTable(['ID', 'NAME', 'SOURCE', 'LEVELS', 'SPACES', 'ASSETS', 'PROBLEMS'], scenes.map((s) => [s.id, s.name, s.source, String(s.levels), String(s.spaces), String(s.assets), String(s.problems.length)])))),
        ),
      ),
    );
  scene
    .command('show')
    .argument('<id>', 'the scene id')
    .description("a scene's levels, assets and problems (twins that no longer exist included)")
    .action((id: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.spatial.get(id), describeScene))));
  scene
    .command('from-twins')
    .argument('<id>', 'the scene id')
    .option('--name <name>', 'a display name')
    .option('--footprint <property>', 'the property holding each space’s polygon', 'footprint')
    .description('make a scene of the graph: twins with an elevation are levels, the twins they contain with a footprint are spaces')
    .action((id: string, options: { name?: string; footprint: string }, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.spatial.fromTwins({ id, footprintProperty: options.footprint, ...(options.name ? { name: options.name } : {}) }), describeSummary))),
    );
  scene
    .command('import-gltf')
    .argument('<id>', 'the scene to add the asset to (created when missing)')
    .argument('<file>', 'a .gltf or .glb file')
    .option('--map <rule>', 'how a mesh names its twin: name, name:PREFIX, regex:PATTERN or extras:ATTRIBUTE (repeatable, tried in order)', mappingRule)
    .option('--level <levelId>', 'the level the asset stands on')
    .description('add a glTF model to a scene, tying its meshes to twins')
    .action((id: string, file: string, options: { map?: MeshMappingRule[]; level?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => cli.print(await engine.spatial.importGltf({ sceneId: id, path: resolve(file), rules: options.map ?? [{ kind: 'name' }], ...(options.level ? { levelId: options.level } : {}) }), describeSummary)),
      ),
    );
  scene
    .command('import-ifc')
    .argument('<id>', 'the scene id')
    .argument('<file>', 'an .ifc file')
    .description('import an IFC file: site, buildings, storeys and spaces become twins (with contains) and a scene')
    .action((id: string, file: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const result = await engine.spatial.importIfc({ sceneId: id, path: resolve(file) });
          cli.print(result, (r) => `Imported ${r.twins} twins and ${r.relationships} relationships.\n${describeSummary(r.scene)}`);
        }),
      ),
    );
  scene
    .command('put')
    .argument('<json>', 'a scene document: inline JSON, @file or - for standard input')
    .description('store a scene document as given (replaces one with the same id)')
    .action((json: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.spatial.put((await jsonArgument(json, 'scene')) as SceneDocument), describeSummary))),
    );
  scene
    .command('delete')
    .argument('<id>', 'the scene id')
    .description('delete a scene (its twins stay)')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.spatial.delete(id);
          cli.print({ deleted: id }, () => `Deleted scene ${id}.`);
        }),
      ),
    );
}
