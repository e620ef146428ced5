import type { BinaryNode, CallNode, ExpressionKind, ExpressionNode } from './ast';
import { EvaluationError, ExpressionError, positionAt, type ExpressionPosition } from './errors';
import { parseExpression } from './parser';
import { converter, dimensionOf, isKnownUnit } from './units';

/** A value while evaluating: missing data is `null`. */
export type Value = number | string | boolean | null;

/** The static type of an expression: `any` when it cannot be known (a `null` literal, a schema-less name). */
export type ValueType = 'number' | 'string' | 'boolean' | 'any';

/** What a name in an expression stands for, as the twin's model states it. */
export interface NameInfo {
  readonly type: ValueType;
  readonly unit?: string;
  readonly source: 'property' | 'telemetry';
}

/** Resolves a name path against a model: its facts, or a reason it is refused. */
export type ResolveName = (path: readonly string[]) => NameInfo | string;

/** What an evaluation reads: a twin's property (dotted path for a component's) or latest telemetry. */
export interface Scope {
  read(source: 'property' | 'telemetry', key: string): unknown;
}

/** An expression checked against a model and turned into a function. */
export interface CompiledExpression {
  readonly text: string;
  readonly type: ValueType;
  readonly unit?: string;
  /** Property names read (top-level name of each path: a component's name for `envelope.area`). */
  readonly properties: ReadonlySet<string>;
  readonly telemetry: ReadonlySet<string>;
  evaluate(scope: Scope): Value;
}

type Evaluate = (scope: Scope) => Value;

interface Typed {
  readonly type: ValueType;
  readonly unit?: string;
  readonly run: Evaluate;
}

const functionArity: Readonly<Record<string, readonly [number, number]>> = {
  if: [3, 3],
  min: [1, 64],
  max: [1, 64],
  abs: [1, 1],
  round: [1, 2],
  floor: [1, 1],
  ceil: [1, 1],
  sqrt: [1, 1],
  clamp: [3, 3],
  coalesce: [1, 64],
  isnull: [1, 1],
  convert: [2, 3],
};

class Compiler {
  readonly properties = new Set<string>();
  readonly telemetry = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly resolve: ResolveName,
  ) {}

  private position(offset: number): ExpressionPosition {
    return positionAt(this.text, offset);
  }

  private fail(message: string, offset: number): never {
    throw new ExpressionError(message, this.position(offset));
  }

  private readonly visitors: { readonly [Kind in ExpressionKind]: (node: Extract<ExpressionNode, { kind: Kind }>) => Typed } = {
    literal: (node) => {
      const value = node.value;
      const type: ValueType = value === null ? 'any' : (typeof value as ValueType);
      return { type, run: () => value };
    },
    reference: (node) => {
      const info = this.resolve(node.path);
      if (typeof info === 'string') this.fail(info, node.offset);
      const key = node.path.join('.');
      (info.source === 'property' ? this.properties : this.telemetry).add(node.path[0]!);
      const source = info.source;
      const expected = info.type;
      const position = this.position(node.offset);
      const run: Evaluate = (scope) => {
        const value = scope.read(source, key);
        if (value === undefined || value === null) return null;
        if (expected !== 'any' && typeof value !== expected) throw new EvaluationError(`${key} holds ${JSON.stringify(value)}, not a ${expected}`, position);
        if (expected === 'any' && typeof value === 'object') throw new EvaluationError(`${key} holds an object or array, which expressions cannot use`, position);
        return value as Value;
      };
      return { type: info.type, ...(info.unit ? { unit: info.unit } : {}), run };
    },
    unary: (node) => {
      const operand = this.visit(node.operand);
      if (node.operator === 'not') {
        this.want(operand, 'boolean', node.offset, '"not"');
        return { type: 'boolean', run: (scope) => { const value = operand.run(scope); return value === null ? null : !value; } };
      }
      this.want(operand, 'number', node.offset, '"-"');
      return { type: 'number', ...(operand.unit ? { unit: operand.unit } : {}), run: (scope) => { const value = operand.run(scope); return value === null ? null : -(value as number); } };
    },
    binary: (node) => this.binary(node),
    call: (node) => this.call(node),
    unit: (node) => {
      const operand = this.visit(node.operand);
      this.want(operand, 'number', node.offset, 'a unit');
      if (!isKnownUnit(node.unit)) this.fail(`Unknown unit "${node.unit}"`, node.offset);
      if (operand.unit && operand.unit !== node.unit) this.fail(`The value is already in ${operand.unit}; use convert(…, '${node.unit}') to change its unit`, node.offset);
      return { ...operand, unit: node.unit };
    },
  };

  visit(node: ExpressionNode): Typed {
    return (this.visitors[node.kind] as (node: ExpressionNode) => Typed)(node);
  }

  private want(operand: Typed, type: ValueType, offset: number, what: string): void {
    if (operand.type !== 'any' && operand.type !== type) this.fail(`${what} needs a ${type}, not a ${operand.type}`, offset);
  }

  /** Brings `right` into the unit of `left` when both have units of one dimension. */
  private align(left: Typed, right: Typed, offset: number, what: string): { unit?: string; right: Evaluate } {
    if (!left.unit || !right.unit || left.unit === right.unit) return { ...((left.unit ?? right.unit) ? { unit: left.unit ?? right.unit } : {}), right: right.run };
    const convert = converter(right.unit, left.unit);
    if (!convert) this.fail(`Cannot ${what} ${left.unit} and ${right.unit}: they measure different things`, offset);
    const run = right.run;
    return { unit: left.unit, right: (scope) => { const value = run(scope); return value === null ? null : convert(value as number); } };
  }

  private binary(node: BinaryNode): Typed {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    const position = this.position(node.offset);
    const l = left.run;
    switch (node.operator) {
      case 'and':
      case 'or': {
        this.want(left, 'boolean', node.offset, `"${node.operator}"`);
        this.want(right, 'boolean', node.offset, `"${node.operator}"`);
        const r = right.run;
        const decisive = node.operator === 'or';
        return {
          type: 'boolean',
          run: (scope) => {
            const a = l(scope);
            if (a === decisive) return decisive;
            const b = r(scope);
            if (b === decisive) return decisive;
            return a === null || b === null ? null : !decisive;
          },
        };
      }
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (left.type !== 'any' && right.type !== 'any' && left.type !== right.type) this.fail(`Cannot compare a ${left.type} with a ${right.type}`, node.offset);
        if ((node.operator !== '=' && node.operator !== '!=') && (left.type === 'boolean' || right.type === 'boolean')) this.fail(`"${node.operator}" compares numbers or strings, not booleans`, node.offset);
        const { right: r } = this.align(left, right, node.offset, 'compare');
        const compare = comparators[node.operator];
        return { type: 'boolean', run: (scope) => { const a = l(scope); const b = r(scope); return a === null || b === null ? null : compare(a, b); } };
      }
      default: {
        this.want(left, 'number', node.offset, `"${node.operator}"`);
        this.want(right, 'number', node.offset, `"${node.operator}"`);
        const additive = node.operator === '+' || node.operator === '-';
        const aligned = additive ? this.align(left, right, node.offset, node.operator === '+' ? 'add' : 'subtract') : { right: right.run };
        const r = aligned.right;
        const operate = arithmetic[node.operator];
        return {
          type: 'number',
          ...(additive && aligned.unit ? { unit: aligned.unit } : {}),
          run: (scope) => {
            const a = l(scope);
            const b = r(scope);
            if (a === null || b === null) return null;
            if ((node.operator === '/' || node.operator === '%') && b === 0) throw new EvaluationError('Division by zero', position);
            const result = operate(a as number, b as number);
            if (!Number.isFinite(result)) throw new EvaluationError(`The result of "${node.operator}" is not a finite number`, position);
            return result;
          },
        };
      }
    }
  }

  private call(node: CallNode): Typed {
    const name = node.name.toLowerCase();
    const arity = functionArity[name];
    if (!arity) this.fail(`Unknown function ${node.name}: use ${Object.keys(functionArity).join(', ')}`, node.offset);
    if (node.args.length < arity[0] || node.args.length > arity[1]) {
      this.fail(`${name} takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} argument${arity[1] === 1 ? '' : 's'}, not ${node.args.length}`, node.offset);
    }
    if (name === 'convert') return this.convert(node);
    const args = node.args.map((arg) => this.visit(arg));
    const runs = args.map((arg) => arg.run);
    const position = this.position(node.offset);
    switch (name) {
      case 'if': {
        this.want(args[0]!, 'boolean', node.offset, 'The condition of if');
        const [, then, otherwise] = args as [Typed, Typed, Typed];
        if (then.type !== 'any' && otherwise.type !== 'any' && then.type !== otherwise.type) this.fail(`The branches of if give a ${then.type} and a ${otherwise.type}`, node.offset);
        const aligned = this.align(then, otherwise, node.offset, 'mix');
        const [condition, a] = runs as [Evaluate, Evaluate];
        const b = aligned.right;
        return { type: then.type === 'any' ? otherwise.type : then.type, ...(aligned.unit ? { unit: aligned.unit } : {}), run: (scope) => (condition(scope) === true ? a(scope) : b(scope)) };
      }
      case 'coalesce': {
        const known = args.find((arg) => arg.type !== 'any')?.type ?? 'any';
        for (const arg of args) if (arg.type !== 'any' && arg.type !== known) this.fail(`coalesce mixes a ${known} and a ${arg.type}`, node.offset);
        const unit = args.find((arg) => arg.unit)?.unit;
        const aligned = args.map((arg) => (unit ? this.align({ ...arg, unit }, arg, node.offset, 'mix').right : arg.run));
        return { type: known, ...(unit ? { unit } : {}), run: (scope) => { for (const run of aligned) { const value = run(scope); if (value !== null) return value; } return null; } };
      }
      case 'isnull': {
        const [run] = runs as [Evaluate];
        return { type: 'boolean', run: (scope) => run(scope) === null };
      }
      default:
        break;
    }
    args.forEach((arg) => this.want(arg, 'number', node.offset, name));
    const unit = args[0]!.unit;
    const aligned = name === 'round' ? runs : args.map((arg) => (unit ? this.align(args[0]!, arg, node.offset, 'mix').right : arg.run));
    const numeric = mathematics[name]!;
    return {
      type: 'number',
      ...(unit && name !== 'sqrt' ? { unit } : {}),
      run: (scope) => {
        const values: number[] = [];
        for (const run of aligned) {
          const value = run(scope);
          if (value === null) return null;
          values.push(value as number);
        }
        return numeric(values, position);
      },
    };
  }

  private convert(node: CallNode): Typed {
    const operand = this.visit(node.args[0]!);
    this.want(operand, 'number', node.offset, 'convert');
    const units = node.args.slice(1).map((arg) => (arg.kind === 'literal' && typeof arg.value === 'string' ? arg.value : this.fail('convert takes unit names as string literals, e.g. convert(temperature, \'degreeFahrenheit\')', arg.offset)));
    const from = units.length === 2 ? units[0]! : operand.unit;
    const to = units.at(-1)!;
    if (from === undefined) this.fail('convert(value, unit) needs a value whose unit the model states; otherwise write convert(value, fromUnit, toUnit)', node.offset);
    for (const unit of [from, to]) if (!isKnownUnit(unit)) this.fail(`Unknown unit "${unit}"`, node.offset);
    if (units.length === 2 && operand.unit && operand.unit !== from) this.fail(`The value is in ${operand.unit}, not ${from}`, node.offset);
    const convert = converter(from, to);
    if (!convert) this.fail(`Cannot convert ${from} (${dimensionOf(from)}) to ${to} (${dimensionOf(to)})`, node.offset);
    const run = operand.run;
    return { type: 'number', unit: to, run: (scope) => { const value = run(scope); return value === null ? null : convert(value as number); } };
  }
}

const comparators: Readonly<Record<'=' | '!=' | '<' | '<=' | '>' | '>=', (a: Value, b: Value) => boolean>> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => (a as number) < (b as number),
  '<=': (a, b) => (a as number) <= (b as number),
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
};

const arithmetic: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => a ** b,
};

const mathematics: Readonly<Record<string, (values: readonly number[], position: ExpressionPosition) => number>> = {
  min: (values) => Math.min(...values),
  max: (values) => Math.max(...values),
  abs: ([value]) => Math.abs(value!),
  floor: ([value]) => Math.floor(value!),
  ceil: ([value]) => Math.ceil(value!),
  sqrt: ([value], position) => {
    if (value! < 0) throw new EvaluationError(`sqrt of a negative number (${value})`, position);
    return Math.sqrt(value!);
  },
  round: ([value, digits = 0]) => {
    const factor = 10 ** Math.trunc(digits);
    return Math.round(value! * factor) / factor;
  },
  clamp: ([value, low, high], position) => {
    if (low! > high!) throw new EvaluationError(`clamp's lower bound ${low} is above its upper bound ${high}`, position);
    return Math.min(Math.max(value!, low!), high!);
  },
};

/** Parses and checks `text` against a model (through `resolve`) and compiles it; throws ExpressionError. */
export function compileExpression(text: string, resolve: ResolveName): CompiledExpression {
  const tree = parseExpression(text);
  const compiler = new Compiler(text, resolve);
  const typed = compiler.visit(tree);
  return { text, type: typed.type, ...(typed.unit ? { unit: typed.unit } : {}), properties: compiler.properties, telemetry: compiler.telemetry, evaluate: typed.run };
}
