import type { Command } from 'commander';
import { EngineError, ErrorCode, type DeviceBinding, type FieldBinding } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';

function describeBindings(bindings: readonly DeviceBinding[]): string {
  if (bindings.length === 0) return 'No device bindings.';
  const fields = (binding: DeviceBinding) =>
    Object.entries(binding.fields)
      .map(([field, target]) => `${field}→${target.to === 'property' ? 'property ' : ''}${target.name}${target.unit ? ` (${target.unit})` : ''}`)
      .join(', ');
  return formatTable(['DEVICE', 'TWIN', 'FIELDS'], bindings.map((binding) => [binding.deviceId, binding.component ? `${binding.twinId}/${binding.component}` : binding.twinId, fields(binding)]));
}

/** `field=telemetry:name[:unit]` or `field=property:name[:unit]`; the name defaults to the field. */
function parseField(text: string): [string, FieldBinding] {
  const match = /^([^=]+)=(telemetry|property)(?::([^:]*))?(?::(.+))?$/.exec(text);
  if (!match) throw new EngineError(ErrorCode.InvalidArgument, `--field ${text}: write field=telemetry[:name[:unit]] or field=property[:name[:unit]].`);
  const [, field, to, name, unit] = match;
  return [field!, { to: to as FieldBinding['to'], name: name || field!, ...(unit ? { unit } : {}) }];
}

/** `twinbench binding …`: which twin each device's readings land on. */
export function registerBindingCommands(program: Command, run: RunCommand): void {
  const binding = program.command('binding').description("device bindings: a device's payload fields → a twin's telemetry and properties");
  binding
    .command('list')
    .description('list the device bindings')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.ingest.listBindings(), describeBindings))));
  binding
    .command('add')
    .argument('<device>', 'the device id')
    .option('--twin <id>', 'the twin its readings land on')
    .option('--component <name>', 'a component of that twin')
    .option('--field <mapping...>', 'field=telemetry[:name[:unit]] or field=property[:name[:unit]] (unit: what the device sends)')
    .option('--json-binding <json>', 'the whole binding as JSON (inline, @file or -) instead of the options')
    .description('add or replace the binding of a device, checked against the twin’s model')
    .action((device: string, options: { twin?: string; component?: string; field?: string[]; jsonBinding?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          let input: DeviceBinding;
          if (options.jsonBinding) input = { ...((await jsonArgument(options.jsonBinding, 'binding')) as DeviceBinding), deviceId: device };
          else {
            if (!options.twin || !options.field?.length) throw new EngineError(ErrorCode.InvalidArgument, 'Give --twin <id> and at least one --field, or --json-binding.');
            input = { deviceId: device, twinId: options.twin, ...(options.component ? { component: options.component } : {}), fields: Object.fromEntries(options.field.map(parseField)) };
          }
          cli.print(await engine.ingest.putBinding(input), (saved) => `Saved the binding of device ${saved.deviceId} to ${saved.twinId}.`);
        }),
      ),
    );
  binding
    .command('delete')
    .argument('<device>', 'the device id')
    .description('delete the binding of a device')
    .action((device: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.ingest.deleteBinding(device);
          cli.print({ deleted: device }, () => `Deleted the binding of device ${device}.`);
        }),
      ),
    );
  binding
    .command('generate')
    .option('--relationship <name>', 'twins with this relationship become devices', 'observes')
    .option('--target <where>', 'self: readings become the device twin’s telemetry; observed: they land on the related twin', 'self')
    .option('--replace', 'replace bindings that already exist')
    .description('generate bindings from relationships (sensor twins that observe rooms)')
    .action((options: { relationship: string; target: string; replace?: boolean }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const result = await engine.ingest.generateBindings({ relationship: options.relationship, target: options.target as 'self' | 'observed', replace: options.replace === true });
          cli.print(result, (r) => `Generated ${r.created.length} device bindings${r.kept.length ? `; kept ${r.kept.length} that existed (--replace replaces them)` : ''}.`);
        }),
      ),
    );
}
