import { EngineError, ErrorCode, type Rule, type RollupFunction } from '../../../src-shared/contract';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const kinds = new Set(['telemetry', 'derive', 'rollup', 'alert', 'script']);
const functions = new Set<RollupFunction>(['avg', 'sum', 'min', 'max', 'count']);
const severities = new Set(['info', 'warning', 'critical']);
/** Largest script accepted, in characters. */
export const maxScriptLength = 65_536;
/** Longest time limit a script may ask for, in milliseconds. */
export const maxScriptTimeoutMs = 30_000;

type Fields = Record<string, unknown>;

function invalid(id: unknown, field: string, message: string): never {
  throw new EngineError(ErrorCode.InvalidArgument, `Rule ${String(id)}: ${message}`, { rule: id, field });
}

function text(fields: Fields, name: string, optional = false): string | undefined {
  const value = fields[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '') invalid(fields.id, name, `"${name}" must be a non-empty string.`);
  return value;
}

function names(fields: Fields, name: string, optional = false): string[] | undefined {
  const value = fields[name];
  if (value === undefined && optional) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' || item === '')) invalid(fields.id, name, `"${name}" must be a non-empty list of names.`);
  return value as string[];
}

/** Checks a rule's shape (fields, types, known kind) and returns a clean copy; the models are checked later. */
export function checkRuleShape(input: unknown): Rule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new EngineError(ErrorCode.InvalidArgument, 'A rule must be a JSON object.');
  const fields = input as Fields;
  if (typeof fields.id !== 'string' || !idPattern.test(fields.id)) throw new EngineError(ErrorCode.InvalidArgument, 'A rule id is 1 to 64 letters, digits, dots, dashes or underscores.', { field: 'id' });
  const id = fields.id;
  const kind = fields.kind ?? 'telemetry';
  if (typeof kind !== 'string' || !kinds.has(kind)) invalid(id, 'kind', `"kind" must be one of ${[...kinds].join(', ')}.`);
  switch (kind) {
    case 'telemetry': {
      const via = text(fields, 'via', true);
      return { id, ...(fields.kind ? { kind: 'telemetry' as const } : {}), fromModel: text(fields, 'fromModel')!, telemetry: text(fields, 'telemetry')!, ...(via ? { via } : {}), property: text(fields, 'property')! };
    }
    case 'derive':
      return { id, kind, model: text(fields, 'model')!, property: text(fields, 'property')!, expression: text(fields, 'expression')! };
    case 'rollup': {
      const fn = fields.function;
      if (typeof fn !== 'string' || !functions.has(fn as RollupFunction)) invalid(id, 'function', `"function" must be one of ${[...functions].join(', ')}.`);
      const source = text(fields, 'source', fn === 'count');
      const filterModel = text(fields, 'filterModel', true);
      return { id, kind, model: text(fields, 'model')!, property: text(fields, 'property')!, path: names(fields, 'path')!, function: fn as RollupFunction, ...(source ? { source } : {}), ...(filterModel ? { filterModel } : {}) };
    }
    case 'alert': {
      const clear = text(fields, 'clear', true);
      const message = text(fields, 'message', true);
      const severity = fields.severity;
      if (severity !== undefined && (typeof severity !== 'string' || !severities.has(severity))) invalid(id, 'severity', '"severity" must be info, warning or critical.');
      return {
        id,
        kind,
        model: text(fields, 'model')!,
        raise: text(fields, 'raise')!,
        ...(clear ? { clear } : {}),
        property: text(fields, 'property')!,
        ...(severity ? { severity: severity as 'info' | 'warning' | 'critical' } : {}),
        ...(message ? { message } : {}),
      };
    }
    default: {
      const code = text(fields, 'code')!;
      if (code.length > maxScriptLength) invalid(id, 'code', `the script is ${code.length} characters long; the most accepted is ${maxScriptLength}.`);
      const on = names(fields, 'on', true);
      const timeoutMs = fields.timeoutMs;
      if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxScriptTimeoutMs)) {
        invalid(id, 'timeoutMs', `"timeoutMs" must be a whole number of milliseconds from 1 to ${maxScriptTimeoutMs}.`);
      }
      return { id, kind: 'script', model: text(fields, 'model')!, code, ...(on ? { on } : {}), ...(timeoutMs !== undefined ? { timeoutMs: timeoutMs as number } : {}) };
    }
  }
}

/** The kind of a rule (a rule without one is a telemetry rule). */
export function kindOf(rule: Rule): NonNullable<Rule['kind']> {
  return rule.kind ?? 'telemetry';
}
