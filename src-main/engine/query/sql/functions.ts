import type { CallNode, ExpressionNode } from '../ast/nodes';
import { queryError } from '../errors';
import type { Collection } from '../planner/scope';
import { closest } from '../suggest';
import type { SqlContext } from './context';
import { classGuard, classOf, jsonTypesOf, scalarOf, type ScalarSql } from './values';

type FunctionCompiler = (call: CallNode, context: SqlContext) => string;

function arity(call: CallNode, min: number, max: number): void {
  if (call.args.length < min || call.args.length > max) {
    const count = min === max ? `${min}` : `${min} to ${max}`;
    throw queryError('Syntax', `${call.name} takes ${count} argument${max === 1 ? '' : 's'}, not ${call.args.length}.`, call.position);
  }
}

function scalarArg(node: ExpressionNode, context: SqlContext): ScalarSql {
  return scalarOf(node, (path) => (path.kind === 'path' ? context.resolve(path) : undefined), context.params);
}

/** IS_BOOL, IS_NUMBER, …: true or false, never undefined (a missing property is simply not of the type). */
function typeTest(jsonTypes: readonly string[]): FunctionCompiler {
  return (call, context) => {
    arity(call, 1, 1);
    const arg = scalarArg(call.args[0], context);
    if (arg.staticClass) {
      if (!jsonTypesOf[arg.staticClass].some((t) => jsonTypes.includes(t))) return '0';
      return arg.column ? `(${arg.value} IS NOT NULL)` : '1';
    }
    return `COALESCE(${arg.type} IN (${jsonTypes.map((t) => `'${t}'`).join(', ')}), 0)`;
  };
}

function collectionArg(node: ExpressionNode, context: SqlContext): Collection | undefined {
  if (node.kind !== 'path') return undefined;
  const resolved = context.resolve(node);
  return resolved.kind === 'collection' ? resolved.collection : undefined;
}

const isDefined: FunctionCompiler = (call, context) => {
  arity(call, 1, 1);
  const collection = collectionArg(call.args[0], context);
  if (collection) return `(${collection.sqlAlias}.rowid IS NOT NULL)`;
  const arg = scalarArg(call.args[0], context);
  if (arg.staticClass) return arg.column ? `(${arg.value} IS NOT NULL)` : '1';
  return `(${arg.type} IS NOT NULL)`;
};

/** STARTSWITH / ENDSWITH / CONTAINS over strings only, case-sensitive, with no wildcard characters. */
function stringTest(build: (text: string, part: string) => string): FunctionCompiler {
  return (call, context) => {
    arity(call, 2, 2);
    const [text, part] = call.args.map((arg) => scalarArg(arg, context));
    const guards: string[] = [];
    for (const arg of [text, part]) {
      if (arg.staticClass && arg.staticClass !== 'string') return 'NULL';
      if (!arg.staticClass) guards.push(classGuard(arg.type ?? 'NULL', 'string'));
    }
    const test = build(text.value, part.value);
    return guards.length === 0 ? `(${test})` : `(CASE WHEN ${guards.join(' AND ')} THEN ${test} END)`;
  };
}

const arrayContains: FunctionCompiler = (call, context) => {
  arity(call, 2, 2);
  const array = scalarArg(call.args[0], context);
  const needle = call.args[1];
  if (needle.kind !== 'literal') throw queryError('Semantic', 'the second argument of ARRAY_CONTAINS must be a literal value.', needle.position);
  if (!array.source) return 'NULL';
  const valueClass = classOf(needle.value);
  const value = scalarArg(needle, context).value;
  const match = valueClass === 'null' ? `${classGuard('je.type', 'null')}` : `${classGuard('je.type', valueClass)} AND je.value = ${value}`;
  return `(CASE WHEN ${array.type} = 'array' THEN EXISTS (SELECT 1 FROM json_each(${array.source.body}, ${array.source.path}) AS je WHERE ${match}) END)`;
};

const isOfModel: FunctionCompiler = (call, context) => {
  arity(call, 1, 3);
  let args = call.args;
  let collection = context.scope.defaultCollection;
  const first = args[0];
  if (first.kind === 'path') {
    collection = collectionArg(first, context);
    if (!collection) throw queryError('Semantic', 'the first argument of IS_OF_MODEL is a twin collection or the model id.', first.position);
    args = args.slice(1);
  } else if (!collection) {
    throw queryError('Semantic', 'this query has several collections: name the one to test.', call.position, `write IS_OF_MODEL(${context.scope.named()[0]?.name ?? 'T'}, '${first.kind === 'literal' ? String(first.value) : 'dtmi:…'}').`);
  }
  if (collection.kind !== 'twin') throw queryError('Semantic', 'IS_OF_MODEL tests twins, not relationships.', call.position);
  const [model, exactArg] = args;
  if (!model || model.kind !== 'literal' || typeof model.value !== 'string') {
    throw queryError('Semantic', 'IS_OF_MODEL needs the model id as a string.', model?.position ?? call.position, "write IS_OF_MODEL('dtmi:example:Room;1').");
  }
  let exact = false;
  if (exactArg) {
    if (exactArg.kind !== 'path' || exactArg.segments.length !== 1 || exactArg.segments[0].name.toLowerCase() !== 'exact') {
      throw queryError('Syntax', 'the last argument of IS_OF_MODEL can only be the word exact.', exactArg.position);
    }
    exact = true;
  }
  const catalog = context.catalog;
  if (catalog && !catalog.modelIds.includes(model.value)) {
    const guess = closest(model.value, catalog.modelIds);
    throw queryError('Name', `no model ${model.value} is uploaded.`, model.position, guess ? `did you mean ${guess}?` : undefined);
  }
  const id = context.params.bind(model.value);
  const column = `${collection.sqlAlias}.model`;
  // model_ancestors lists every model with itself at depth 0, so one lookup covers inheritance.
  return exact ? `(${column} = ${id})` : `(${column} IN (SELECT model FROM model_ancestors WHERE ancestor = ${id}))`;
};

const primitiveTypes = ['integer', 'real', 'text', 'true', 'false', 'null'];

/** Every function of ADT's WHERE clause. */
const functions: Readonly<Record<string, FunctionCompiler>> = {
  IS_OF_MODEL: isOfModel,
  IS_DEFINED: isDefined,
  IS_NULL: typeTest(['null']),
  IS_BOOL: typeTest(['true', 'false']),
  IS_NUMBER: typeTest(['integer', 'real']),
  IS_STRING: typeTest(['text']),
  IS_OBJECT: typeTest(['object']),
  IS_PRIMITIVE: typeTest(primitiveTypes),
  STARTSWITH: stringTest((text, part) => `substr(${text}, 1, length(${part})) = ${part}`),
  ENDSWITH: stringTest((text, part) => `length(${part}) = 0 OR substr(${text}, -length(${part})) = ${part}`),
  CONTAINS: stringTest((text, part) => `instr(${text}, ${part}) > 0`),
  ARRAY_CONTAINS: arrayContains,
};

const aggregates = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** Compiles a function call in WHERE. */
export function compileCall(call: CallNode, context: SqlContext): string {
  const compiler = functions[call.name];
  if (compiler) return compiler(call, context);
  if (aggregates.has(call.name)) throw queryError('Semantic', `${call.name}() belongs in SELECT, not in WHERE.`, call.position);
  const guess = closest(call.name, Object.keys(functions));
  throw queryError('Name', `${call.name} is not a function of the query language.`, call.position, guess ? `did you mean ${guess}?` : `the functions are ${Object.keys(functions).join(', ')}.`);
}
