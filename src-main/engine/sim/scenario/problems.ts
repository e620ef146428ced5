// A collector of located problems: every check adds `{ path, message }` and carries on, so one
// answer lists everything wrong with a document, not only the first thing.
import { EngineError, ErrorCode, type ScenarioProblem } from '../../../../src-shared/contract';

/** Collects problems found in a JSON document, each located by its JSON path. */
export class Problems {
  readonly list: ScenarioProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** A finite number, optionally within [min, max] (exclusive bounds when asked); undefined after reporting a problem. */
  number(path: string, value: unknown, range: { min?: number; max?: number; minExclusive?: boolean; required?: boolean } = {}): number | undefined {
    if (value === undefined && !range.required) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, `must be a finite number (got ${JSON.stringify(value) ?? 'nothing'})`);
      return undefined;
    }
    if (range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min)) {
      this.add(path, `must be ${range.minExclusive ? '>' : '≥'} ${range.min} (got ${value})`);
      return undefined;
    }
    if (range.max !== undefined && value > range.max) {
      this.add(path, `must be ≤ ${range.max} (got ${value})`);
      return undefined;
    }
    return value;
  }

  /** A non-empty string; undefined after reporting a problem. */
  text(path: string, value: unknown, required = true): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `must be a non-empty string (got ${JSON.stringify(value) ?? 'nothing'})`);
      return undefined;
    }
    return value;
  }

  /** Throws the problems as one InvalidArgument (details.problems) when there are any. */
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const first = this.list[0]!;
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more problem${this.list.length > 2 ? 's' : ''})` : '';
    throw new EngineError(ErrorCode.InvalidArgument, `${what}: ${first.path}: ${first.message}${more}.`, { problems: this.list });
  }
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
