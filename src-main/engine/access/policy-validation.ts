import { EngineError, ErrorCode, permissions, type AccessPolicy, type Permission, type PolicyEntry, type PolicyResource } from '../../../src-shared/contract';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const workspaceOnly: readonly Permission[] = ['query', 'analytics', 'admin'];

function fail(message: string, where: string, value?: unknown): never {
  throw new EngineError(ErrorCode.InvalidArgument, `${where}: ${message}`, { path: where, ...(value === undefined ? {} : { value }) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) fail('must be a non-empty string.', where, value);
  return value;
}

function pathOf(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^(\/[^/]+)+$/.test(value)) fail('must be a JSON Pointer to a property, such as "/temperature" or "/thermostat/setpoint".', where, value);
  return value;
}

function resourceOf(value: unknown, where: string): PolicyResource {
  if (!isRecord(value)) fail('must be an object with "kind": workspace, model, subtree or twin.', where, value);
  const path = pathOf(value.path, `${where}.path`);
  const withPath = path === undefined ? {} : { path };
  switch (value.kind) {
    case 'workspace':
      return { kind: 'workspace', ...withPath };
    case 'model':
      return { kind: 'model', model: text(value.model, `${where}.model`), ...withPath };
    case 'twin':
      return { kind: 'twin', id: text(value.id, `${where}.id`), ...withPath };
    case 'subtree': {
      const names = value.relationships;
      if (!Array.isArray(names) || names.length === 0) fail('must list the relationship names the subtree follows, such as ["contains"].', `${where}.relationships`, names);
      return { kind: 'subtree', root: text(value.root, `${where}.root`), relationships: names.map((name, i) => text(name, `${where}.relationships[${i}]`)), ...withPath };
    }
    default:
      return fail('must be one of workspace, model, subtree, twin.', `${where}.kind`, value.kind);
  }
}

function permissionsOf(value: unknown, where: string, resource: PolicyResource): Permission[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(`must be a list of permissions (${permissions.join(', ')}).`, where, value);
  return value.map((item, i) => {
    if (!permissions.includes(item as Permission)) fail(`is not a permission; use one of ${permissions.join(', ')}.`, `${where}[${i}]`, item);
    const permission = item as Permission;
    if (workspaceOnly.includes(permission) && (resource.kind !== 'workspace' || resource.path !== undefined)) {
      fail(`"${permission}" applies to the whole workspace: give it on { "kind": "workspace" } without a path.`, `${where}[${i}]`, item);
    }
    return permission;
  });
}

function entryOf(value: unknown, where: string): PolicyEntry {
  if (!isRecord(value)) fail('must be an object with "resource" and "grant" and/or "revoke".', where, value);
  const resource = resourceOf(value.resource, `${where}.resource`);
  const grant = permissionsOf(value.grant, `${where}.grant`, resource);
  const revoke = permissionsOf(value.revoke, `${where}.revoke`, resource);
  if (!grant?.length && !revoke?.length) fail('grants and revokes nothing; give "grant" or "revoke" a permission.', where);
  return { resource, ...(grant ? { grant } : {}), ...(revoke ? { revoke } : {}) };
}

/** Checks a policy's shape and returns it normalised; `modelExists` rejects entries on models the workspace does not have. */
export function validatePolicy(value: unknown, modelExists: (id: string) => boolean): AccessPolicy {
  if (!isRecord(value)) fail('must be an object with "id", "subjects" and "entries".', 'policy', value);
  const id = text(value.id, 'policy.id');
  if (!idPattern.test(id)) fail('may use letters, digits, ".", "_" and "-" (up to 128 characters).', 'policy.id', id);
  if (!Array.isArray(value.subjects) || value.subjects.length === 0) fail('must list at least one subject: a token subject, "group:<name>" or "*".', 'policy.subjects', value.subjects);
  const subjects = value.subjects.map((subject, i) => text(subject, `policy.subjects[${i}]`));
  if (!Array.isArray(value.entries) || value.entries.length === 0) fail('must list at least one entry.', 'policy.entries', value.entries);
  const entries = value.entries.map((entry, i) => entryOf(entry, `policy.entries[${i}]`));
  entries.forEach((entry, i) => {
    if (entry.resource.kind === 'model' && !modelExists(entry.resource.model)) {
      throw new EngineError(ErrorCode.ModelNotFound, `policy.entries[${i}].resource.model: the workspace has no model ${entry.resource.model}. Add the model first, or fix the id.`, { path: `policy.entries[${i}].resource.model`, value: entry.resource.model });
    }
  });
  const description = value.description === undefined ? undefined : text(value.description, 'policy.description');
  return { id, ...(description ? { description } : {}), subjects, entries };
}
