import type { Command } from 'commander';
import { EngineError, ErrorCode, type AccessPolicy, type Permission, type TokenInfo } from '../../../engine';
import { formatTable, type RunCommand } from '../cli-context';
import { jsonArgument } from '../json-input';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30d`, `12h`, `90m` from now, or an ISO time. */
export function expiryOf(text: string, now = new Date()): string {
  const relative = /^(\d+)([mhd])$/.exec(text.trim());
  if (relative) return new Date(now.getTime() + Number(relative[1]) * units[relative[2]!]!).toISOString();
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new EngineError(ErrorCode.InvalidArgument, `--expires ${JSON.stringify(text)} is neither a duration (30d, 12h, 90m) nor a date (2027-01-31T00:00:00Z).`);
  return time.toISOString();
}

function describeTokens(tokens: readonly TokenInfo[]): string {
  if (tokens.length === 0) return 'No tokens. Create one with `twinbench token create --subject <name>`.';
  return formatTable(
    ['ID', 'SUBJECT', 'GROUPS', 'CREATED', 'EXPIRES', 'STATE'],
    tokens.map((token) => [token.id, token.subject, token.groups.join(',') || '-', token.createdAt, token.expiresAt ?? 'never', token.revokedAt ? `revoked ${token.revokedAt}` : 'active']),
  );
}

function describePolicies(policies: readonly AccessPolicy[]): string {
  if (policies.length === 0) return 'No policies: token holders may do nothing until a policy grants it.';
  return formatTable(
    ['ID', 'SUBJECTS', 'ENTRIES', 'DESCRIPTION'],
    policies.map((policy) => [policy.id, policy.subjects.join(','), String(policy.entries.length), policy.description ?? '']),
  );
}

/** `twinbench token …` and `twinbench policy …`: who may use a shared workspace, and for what. */
export function registerAccessCommands(program: Command, run: RunCommand): void {
  const token = program.command('token').description('bearer tokens for the server (stored hashed in the workspace)');
  token
    .command('create')
    .requiredOption('--subject <name>', 'who the token stands for; policies name it')
    .option('--groups <names>', 'comma-separated groups; policies name them as group:<name>')
    .option('--expires <when>', 'a duration (30d, 12h, 90m) or an ISO time; default never')
    .description('create a token and print its secret (shown only once)')
    .action((options: { subject: string; groups?: string; expires?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const created = await engine.access.createToken({
            subject: options.subject,
            ...(options.groups ? { groups: options.groups.split(',').map((group) => group.trim()).filter(Boolean) } : {}),
            ...(options.expires ? { expiresAt: expiryOf(options.expires) } : {}),
          });
          cli.print(created, () => `Token ${created.id} for ${created.subject}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}:\n${created.token}\nKeep it secret: it is not shown again. Send it as "Authorization: Bearer <token>".`);
        }),
      ),
    );
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.access.listTokens(), describeTokens))));
  token
    .command('revoke')
    .argument('<id>', 'the token id (see token list)')
    .description('revoke a token at once')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const revoked = await engine.access.revokeToken(id);
          cli.print(revoked, () => `Revoked token ${revoked.id} of ${revoked.subject}.`);
        }),
      ),
    );

  const policy = program.command('policy').description('access policies: subjects, and what they may do to which twins');
  policy
    .command('list')
    .description('list the policies')
    .action((_options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.access.listPolicies(), describePolicies))));
  policy
    .command('show')
    .argument('<id>', 'the policy id')
    .description('print a policy as JSON')
    .action((id: string, _options, command: Command) => run(command, (cli) => cli.withEngine(async (engine) => cli.print(await engine.access.getPolicy(id), (found) => JSON.stringify(found, null, 2)))));
  policy
    .command('put')
    .argument('<json>', 'the policy: inline JSON, @file, or - for standard input')
    .description('add or replace a policy (validated; models must exist)')
    .action((text: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const saved = await engine.access.putPolicy((await jsonArgument(text, 'policy')) as AccessPolicy);
          cli.print(saved, () => `Saved policy ${saved.id} (${saved.entries.length} entries for ${saved.subjects.join(', ')}).`);
        }),
      ),
    );
  policy
    .command('delete')
    .argument('<id>', 'the policy id')
    .description('delete a policy')
    .action((id: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          await engine.access.deletePolicy(id);
          cli.print({ deleted: id }, () => `Deleted policy ${id}.`);
        }),
      ),
    );
  policy
    .command('check')
    .requiredOption('--subject <name>', 'the subject to check')
    .option('--groups <names>', 'its groups, comma-separated')
    .requiredOption('--permission <permission>', 'read, write, delete, telemetry, query, analytics or admin')
    .option('--twin <id>', 'the twin (omit for workspace-wide permissions)')
    .option('--path <pointer>', 'a property path, such as /temperature')
    .description('say whether a subject may do something, and which entry decides')
    .action((options: { subject: string; groups?: string; permission: string; twin?: string; path?: string }, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          const decision = await engine.access.check({
            subject: options.subject,
            permission: options.permission as Permission,
            ...(options.groups ? { groups: options.groups.split(',') } : {}),
            ...(options.twin ? { twinId: options.twin } : {}),
            ...(options.path ? { path: options.path } : {}),
          });
          cli.print(decision, () =>
            `${decision.allowed ? 'Allowed' : 'Denied'}${decision.decidedBy ? `: ${decision.decidedBy.effect} in policy ${decision.decidedBy.policy}, entry ${decision.decidedBy.entry}` : ': no entry grants it'}.`,
          );
        }),
      ),
    );
  policy
    .command('loopback')
    .argument('<mode>', '"open" (clients on this machine need no token, the default) or "token" (every client needs one)')
    .description('whether clients on this machine need a token')
    .action((mode: string, _options, command: Command) =>
      run(command, (cli) =>
        cli.withEngine(async (engine) => {
          if (mode !== 'open' && mode !== 'token') throw new EngineError(ErrorCode.InvalidArgument, 'The mode is "open" or "token".');
          const settings = await engine.access.updateSettings({ anonymousLoopback: mode === 'open' });
          cli.print(settings, () => (settings.anonymousLoopback ? 'Clients on this machine may connect without a token.' : 'Every client needs a token, also on this machine.'));
        }),
      ),
    );
}
