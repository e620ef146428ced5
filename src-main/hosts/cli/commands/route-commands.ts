import type { Command } from 'commander';
import { EngineError, ErrorCode, type EndpointDefinition, type EventRoute } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';

function describeEndpoints(endpoints: readonly EndpointDefinition[]): string {
  if (endpoints.length === 0) return 'No endpoints.';
  return formatTable(['NAME', 'TYPE', 'WHERE'], endpoints.map((endpoint) => [endpoint.name, endpoint.type, endpoint.type === 'file' ? endpoint.path : endpoint.type === 'mqtt' ? `${endpoint.url} ${endpoint.topic}` : endpoint.url]));
}

function describeRoutes(routes: readonly EventRoute[]): string {
  if (routes.length === 0) return 'No event routes.';
  return formatTable(['ID', 'ENDPOINT', 'FILTER'], routes.map((route) => [route.id, route.endpointName, route.filter]));
}

/** `twinbench endpoint …` and `twinbench route …`: where events go and which ones. */
export function registerRouteCommands(program: Command, run: RunCommand): void {
  const endpoint = program.command('endpoint').description('places routed events go: webhooks, files and MQTT brokers');
  endpoint
    .command('add')
    .argument('<name>', 'the endpoint name')
    .option('--webhook <url>', 'POST each event to this http(s) address')
    .option('--file <path>', 'append each event as a line to this file (relative to the workspace)')
    .option('--mqtt <url>', 'publish each event to this MQTT broker (mqtt://host:port), on --topic')
    .option('--topic <topic>', 'the MQTT topic; {type}, {subject} and {source} are filled in', 'twinbench/events/{type}')
    .option('--qos <qos>', 'the MQTT QoS, 0 or 1', '1')
    .description('add or replace an endpoint')
    .action((name: string, options: { webhook?: string; file?: string; mqtt?: string; topic: string; qos: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          if ([options.webhook, options.file, options.mqtt].filter(Boolean).length !== 1) throw new EngineError(ErrorCode.InvalidArgument, 'Give exactly one of --webhook <url>, --file <path> or --mqtt <url>.');
          const definition: EndpointDefinition = options.webhook
            ? { name, type: 'webhook', url: options.webhook }
            : options.mqtt
              ? { name, type: 'mqtt', url: options.mqtt, topic: options.topic, qos: Number(options.qos) as 0 | 1 }
              : { name, type: 'file', path: options.file! };
          cli.print(await engine.routes.putEndpoint(definition), (saved) => `Saved endpoint ${saved.name}.`);
        }),
      ),
    );
  endpoint
    .command('list')
    .description('list the endpoints')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.routes.listEndpoints(), describeEndpoints))));
  endpoint
    .command('delete')
    .argument('<name>', 'the endpoint name')
    .description('delete an endpoint no route uses')
    .action((name: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.routes.deleteEndpoint(name);
          cli.print({ deleted: name }, () => `Deleted endpoint ${name}.`);
        }),
      ),
    );

  const route = program.command('route').description("event routes: ADT's filter language over twin and relationship events");
  route
    .command('add')
    .argument('<id>', 'the route id')
    .requiredOption('--endpoint <name>', 'where matching events go')
    .option('--filter <filter>', "which events, e.g. \"type = 'Microsoft.DigitalTwins.Twin.Update'\"", 'true')
    .description('add or replace a route')
    .action((id: string, options: { endpoint: string; filter: string }, command: Command) =>
      run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.routes.put(id, { endpointName: options.endpoint, filter: options.filter }), (saved) => `Saved route ${saved.id}.`))),
    );
  route
    .command('list')
    .description('list the routes')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.routes.list(), describeRoutes))));
  route
    .command('delete')
    .argument('<id>', 'the route id')
    .description('delete a route')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.routes.delete(id);
          cli.print({ deleted: id }, () => `Deleted route ${id}.`);
        }),
      ),
    );
}
