import type { Command } from 'commander';
import type { BasicRelationship, DigitalTwin, IncomingRelationship, JsonPatchOperation } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';

const json = (value: unknown) => JSON.stringify(value, null, 2);

function describeRelationships(relationships: readonly (BasicRelationship | IncomingRelationship)[]): string {
  if (relationships.length === 0) return 'No relationships.';
  return formatTable(
    ['SOURCE', 'NAME', 'TARGET', 'ID'],
    relationships.map((relationship) => [relationship.$sourceId, relationship.$relationshipName, '$targetId' in relationship ? String(relationship.$targetId) : '', relationship.$relationshipId]),
  );
}

/** `twinbench twin get|put|patch|delete` and `twinbench rel list|get|put|patch|delete`. */
export function registerTwinCommands(program: Command, run: RunCommand): void {
  const twin = program.command('twin').description('read and write twins (ADT semantics: validation, ETags, JSON Patch)');
  twin
    .command('get')
    .argument('<id>', 'the twin id')
    .description('print a twin as JSON')
    .action((id: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.io.stdout(`${json(await engine.twins.get(id))}\n`))));
  twin
    .command('put')
    .argument('<id>', 'the twin id')
    .argument('<twin>', 'the twin as JSON (with "$metadata": { "$model": … }), @file or -')
    .option('--if-match <etag>', 'replace only if the twin has this ETag')
    .option('--if-none-match', 'create only: refuse to replace an existing twin')
    .description('create or replace a twin')
    .action((id: string, body: string, options: { ifMatch?: string; ifNoneMatch?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const created = await engine.twins.upsert(id, (await jsonArgument(body, 'twin')) as Record<string, unknown>, { ifMatch: options.ifMatch, ifNoneMatch: options.ifNoneMatch ? '*' : undefined });
          cli.print(created, (value: DigitalTwin) => `Saved twin ${value.$dtId} (${value.$etag}).`);
        }),
      ),
    );
  twin
    .command('patch')
    .argument('<id>', 'the twin id')
    .argument('<patch>', 'a JSON Patch array, @file or -')
    .option('--component <name>', 'patch paths are relative to this component')
    .option('--if-match <etag>', 'apply only if the twin has this ETag')
    .description('apply a JSON Patch (add, replace, remove) to a twin')
    .action((id: string, patch: string, options: { component?: string; ifMatch?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const operations = (await jsonArgument(patch, 'patch')) as JsonPatchOperation[];
          const conditions = { ifMatch: options.ifMatch };
          const updated = options.component ? await engine.twins.updateComponent(id, options.component, operations, conditions) : await engine.twins.update(id, operations, conditions);
          cli.print(updated, (value: DigitalTwin) => `Patched twin ${value.$dtId} (${value.$etag}).`);
        }),
      ),
    );
  twin
    .command('delete')
    .argument('<id>', 'the twin id')
    .option('--if-match <etag>', 'delete only if the twin has this ETag')
    .description('delete a twin that has no relationships')
    .action((id: string, options: { ifMatch?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.twins.delete(id, { ifMatch: options.ifMatch });
          cli.print({ deleted: id }, () => `Deleted twin ${id}.`);
        }),
      ),
    );

  const rel = program.command('rel').description('read and write relationships');
  rel
    .command('list')
    .argument('<twin>', 'the twin id')
    .option('--name <relationship>', 'only relationships of this name')
    .option('--incoming', 'relationships pointing at the twin instead')
    .description("list a twin's relationships")
    .action((id: string, options: { name?: string; incoming?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const found = options.incoming ? await engine.relationships.listIncoming(id) : await engine.relationships.list(id, { relationshipName: options.name });
          cli.print(found, describeRelationships);
        }),
      ),
    );
  rel
    .command('get')
    .argument('<source>', 'the source twin id')
    .argument('<id>', 'the relationship id')
    .description('print a relationship as JSON')
    .action((source: string, id: string, _options, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.io.stdout(`${json(await engine.relationships.get(source, id))}\n`))),
    );
  rel
    .command('put')
    .argument('<source>', 'the source twin id')
    .argument('<id>', 'the relationship id')
    .requiredOption('--name <relationship>', 'the relationship name, as the source model defines it')
    .requiredOption('--target <twin>', 'the target twin id')
    .option('--properties <json>', 'relationship properties as a JSON object, @file or -')
    .option('--if-match <etag>', 'replace only if the relationship has this ETag')
    .option('--if-none-match', 'create only')
    .description('create or replace a relationship')
    .action((source: string, id: string, options: { name: string; target: string; properties?: string; ifMatch?: string; ifNoneMatch?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const properties = options.properties ? ((await jsonArgument(options.properties, 'properties')) as Record<string, unknown>) : {};
          const saved = await engine.relationships.upsert(
            source,
            id,
            { ...properties, $relationshipName: options.name, $targetId: options.target },
            { ifMatch: options.ifMatch, ifNoneMatch: options.ifNoneMatch ? '*' : undefined },
          );
          cli.print(saved, (value: BasicRelationship) => `Saved ${value.$sourceId} -${value.$relationshipName}-> ${value.$targetId} (${value.$relationshipId}).`);
        }),
      ),
    );
  rel
    .command('patch')
    .argument('<source>', 'the source twin id')
    .argument('<id>', 'the relationship id')
    .argument('<patch>', 'a JSON Patch array, @file or -')
    .option('--if-match <etag>', 'apply only if the relationship has this ETag')
    .description("apply a JSON Patch to a relationship's properties")
    .action((source: string, id: string, patch: string, options: { ifMatch?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const updated = await engine.relationships.update(source, id, (await jsonArgument(patch, 'patch')) as JsonPatchOperation[], { ifMatch: options.ifMatch });
          cli.print(updated, (value: BasicRelationship) => `Patched relationship ${value.$relationshipId} (${value.$etag}).`);
        }),
      ),
    );
  rel
    .command('delete')
    .argument('<source>', 'the source twin id')
    .argument('<id>', 'the relationship id')
    .option('--if-match <etag>', 'delete only if the relationship has this ETag')
    .description('delete a relationship')
    .action((source: string, id: string, options: { ifMatch?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.relationships.delete(source, id, { ifMatch: options.ifMatch });
          cli.print({ deleted: { source, id } }, () => `Deleted relationship ${id} of ${source}.`);
        }),
      ),
    );
}
