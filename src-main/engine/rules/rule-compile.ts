import { Script } from 'node:vm';
import { EngineError, ErrorCode, type AlertRule, type DeriveRule, type Rule, type RollupRule, type ScriptRule, type TelemetryRule } from '../../../src-shared/contract';
import type { TwinModel } from '../graph/twin-model';
import type { Schema } from '../models/dtdl';
import { compileExpression, converter, ExpressionError, type CompiledExpression, type NameInfo, type ValueType } from './expression';

/** What compiling a rule needs to know of the workspace's models. */
export interface ModelLookup {
  model(id: string): Promise<TwinModel | undefined>;
  isOfModel(model: string, ancestor: string): boolean;
}

/** A property the rule writes on twins of `model` ('*': any model). */
export interface RuleOutput {
  readonly model: string;
  readonly property: string;
}

interface Common {
  readonly id: string;
  /** What the rule writes (none for scripts, whose patches go through the depth guard). */
  readonly output?: RuleOutput;
  /** Inputs read on twins of `model`: property and telemetry names that trigger it. */
  readonly inputs: { readonly model: string; readonly properties: ReadonlySet<string> };
}

/** A rule checked against the models and ready to run. */
export type CompiledRule =
  | (Common & { readonly kind: 'telemetry'; readonly rule: TelemetryRule })
  | (Common & { readonly kind: 'derive'; readonly rule: DeriveRule; readonly expression: CompiledExpression; readonly telemetry: ReadonlySet<string>; readonly toTarget: (value: number) => number; readonly integer: boolean })
  | (Common & { readonly kind: 'rollup'; readonly rule: RollupRule; readonly sourceModel: string; readonly integer: boolean })
  | (Common & { readonly kind: 'alert'; readonly rule: AlertRule; readonly raise: CompiledExpression; readonly clear: CompiledExpression; readonly telemetry: ReadonlySet<string> })
  | (Common & { readonly kind: 'script'; readonly rule: ScriptRule; readonly telemetry: ReadonlySet<string> | undefined });

function invalid(rule: Rule, field: string, message: string, details: Record<string, unknown> = {}): never {
  throw new EngineError(ErrorCode.InvalidArgument, `Rule ${rule.id}: ${message}`, { rule: rule.id, field, ...details });
}

/** The expression type of a DTDL schema, or why expressions cannot use it. */
function typeOfSchema(schema: Schema): ValueType | string {
  if (schema.kind === 'Enum') return schema.valueSchema === 'integer' ? 'number' : 'string';
  if (schema.kind !== 'Primitive') return `its schema is ${schema.kind === 'UnitEnum' ? 'a unit' : `an ${schema.kind}`}, which expressions cannot use`;
  if (['double', 'float', 'integer', 'long'].includes(schema.name)) return 'number';
  if (schema.name === 'boolean') return 'boolean';
  if (['string', 'date', 'dateTime', 'time', 'duration'].includes(schema.name)) return 'string';
  return `its schema ${schema.name} is not a number, string or boolean`;
}

const isInteger = (schema: Schema) => schema.kind === 'Primitive' && (schema.name === 'integer' || schema.name === 'long');

/** Resolves names of an expression on twins of `model`: properties, component properties, then telemetry. */
function resolverFor(model: TwinModel) {
  return (path: readonly string[]): NameInfo | string => {
    const [first, second, ...rest] = path as [string, string | undefined, ...string[]];
    if (rest.length > 0) return `${path.join('.')} is too deep: use a property, component.property or a telemetry name`;
    if (second !== undefined) {
      const component = model.components.get(first);
      if (!component) return `${model.id} has no component ${first}`;
      const property = component.properties.get(second);
      if (!property) return `Component ${first} of ${model.id} has no property ${second}`;
      const type = typeOfSchema(property.schema);
      return typeof type === 'string' && !['number', 'string', 'boolean'].includes(type) ? `${path.join('.')}: ${type}` : { type: type as ValueType, ...(property.unit ? { unit: property.unit } : {}), source: 'property' };
    }
    const property = model.properties.get(first);
    const telemetry = model.telemetry.get(first);
    const element = property ?? telemetry;
    if (!element) return `${model.id} has no property or telemetry ${first}`;
    const type = typeOfSchema(element.schema);
    if (!['number', 'string', 'boolean'].includes(type)) return `${first}: ${type}`;
    return { type: type as ValueType, ...(element.unit ? { unit: element.unit } : {}), source: property ? 'property' : 'telemetry' };
  };
}

function expression(rule: Rule, field: string, text: string, model: TwinModel): CompiledExpression {
  try {
    return compileExpression(text, resolverFor(model));
  } catch (error) {
    if (error instanceof ExpressionError) invalid(rule, field, `${field}: ${error.message}`, { ...error.position });
    throw error;
  }
}

async function requireModel(lookup: ModelLookup, rule: Rule, field: string, id: string): Promise<TwinModel> {
  const model = await lookup.model(id);
  if (!model) invalid(rule, field, `there is no model ${id} in this workspace.`);
  return model;
}

function targetProperty(rule: Rule, model: TwinModel, name: string, wanted: ValueType) {
  const property = model.properties.get(name);
  if (!property) invalid(rule, 'property', `${model.id} has no property ${name}.`);
  const type = typeOfSchema(property.schema);
  if (wanted !== 'any' && type !== wanted) invalid(rule, 'property', `${name} of ${model.id} is ${typeof type === 'string' && type.includes(' ') ? type.replace(/^its/, 'a property whose') : `a ${type}`}, but the rule gives a ${wanted}.`);
  return property;
}

async function compileDerive(rule: DeriveRule, lookup: ModelLookup): Promise<CompiledRule> {
  const model = await requireModel(lookup, rule, 'model', rule.model);
  const compiled = expression(rule, 'expression', rule.expression, model);
  const property = targetProperty(rule, model, rule.property, compiled.type);
  let toTarget = (value: number) => value;
  if (compiled.unit && property.unit && compiled.unit !== property.unit) {
    const convert = converter(compiled.unit, property.unit);
    if (!convert) invalid(rule, 'expression', `the expression gives ${compiled.unit}, but ${rule.property} is in ${property.unit}.`);
    toTarget = convert;
  }
  if (compiled.properties.has(rule.property)) invalid(rule, 'expression', `the expression reads ${rule.property}, the property it sets.`, { cycle: [rule.id, rule.id] });
  return { kind: 'derive', id: rule.id, rule, expression: compiled, telemetry: compiled.telemetry, toTarget, integer: isInteger(property.schema), output: { model: rule.model, property: rule.property }, inputs: { model: rule.model, properties: compiled.properties } };
}

async function compileRollup(rule: RollupRule, lookup: ModelLookup): Promise<CompiledRule> {
  let model: TwinModel | undefined = await requireModel(lookup, rule, 'model', rule.model);
  const origin = model;
  let reached = '*';
  for (const [index, name] of rule.path.entries()) {
    if (!model) break;
    const relationship = model.relationships.get(name);
    if (!relationship) invalid(rule, 'path', `${model.id} has no relationship ${name} (step ${index + 1} of the path).`);
    reached = relationship.target ?? '*';
    model = relationship.target ? await lookup.model(relationship.target) : undefined;
  }
  if (rule.filterModel) {
    const filter = await requireModel(lookup, rule, 'filterModel', rule.filterModel);
    if (reached !== '*' && !lookup.isOfModel(filter.id, reached) && !lookup.isOfModel(reached, filter.id)) invalid(rule, 'filterModel', `the path reaches twins of ${reached}, which are never of ${filter.id}.`);
    reached = filter.id;
    model = filter;
  }
  if (rule.source !== undefined && model) {
    const source = model.properties.get(rule.source);
    if (!source) invalid(rule, 'source', `${model.id} (reached by the path) has no property ${rule.source}.`);
    if (rule.function !== 'count' && typeOfSchema(source.schema) !== 'number') invalid(rule, 'source', `${rule.source} of ${model.id} is not a number, so it cannot be ${rule.function}-ed.`);
  }
  const property = targetProperty(rule, origin, rule.property, 'number');
  return { kind: 'rollup', id: rule.id, rule, sourceModel: reached, integer: isInteger(property.schema), output: { model: rule.model, property: rule.property }, inputs: { model: reached, properties: new Set(rule.source ? [rule.source] : []) } };
}

async function compileAlert(rule: AlertRule, lookup: ModelLookup): Promise<CompiledRule> {
  const model = await requireModel(lookup, rule, 'model', rule.model);
  const condition = (field: 'raise' | 'clear', text: string) => {
    const compiled = expression(rule, field, text, model);
    if (compiled.type !== 'boolean' && compiled.type !== 'any') invalid(rule, field, `${field} must be a condition (true or false), not a ${compiled.type}.`);
    return compiled;
  };
  const raise = condition('raise', rule.raise);
  const clear = condition('clear', rule.clear ?? `not (${rule.raise})`);
  targetProperty(rule, model, rule.property, 'boolean');
  const properties = new Set([...raise.properties, ...clear.properties]);
  if (properties.has(rule.property)) invalid(rule, 'raise', `the conditions read ${rule.property}, the property the alert sets.`);
  return { kind: 'alert', id: rule.id, rule, raise, clear, telemetry: new Set([...raise.telemetry, ...clear.telemetry]), output: { model: rule.model, property: rule.property }, inputs: { model: rule.model, properties } };
}

/** Checks a script's syntax without running it, reporting the line of a mistake. */
function checkScript(rule: ScriptRule): void {
  try {
    new Script(`(async function (event, twins) {\n${rule.code}\n})`, { filename: `rule-${rule.id}.js` });
  } catch (error) {
    const line = /:(\d+)\n/.exec((error as Error).stack ?? '')?.[1];
    invalid(rule, 'code', `the script does not parse: ${(error as Error).message}${line ? ` (line ${Number(line) - 1})` : ''}`, line ? { line: Number(line) - 1 } : {});
  }
}

async function compileScript(rule: ScriptRule, lookup: ModelLookup): Promise<CompiledRule> {
  const model = await requireModel(lookup, rule, 'model', rule.model);
  for (const name of rule.on ?? []) if (!model.properties.has(name) && !model.telemetry.has(name)) invalid(rule, 'on', `${model.id} has no property or telemetry ${name}.`);
  checkScript(rule);
  const on = rule.on ? new Set(rule.on) : undefined;
  return { kind: 'script', id: rule.id, rule, telemetry: on, inputs: { model: rule.model, properties: on ?? new Set() } };
}

async function compileTelemetry(rule: TelemetryRule, lookup: ModelLookup): Promise<CompiledRule> {
  const model = await requireModel(lookup, rule, 'fromModel', rule.fromModel);
  if (!model.telemetry.has(rule.telemetry) && !model.properties.has(rule.telemetry)) invalid(rule, 'telemetry', `${model.id} has no telemetry ${rule.telemetry}.`);
  let target = rule.via ? '*' : model.id;
  if (rule.via) {
    const relationship = model.relationships.get(rule.via);
    if (!relationship) invalid(rule, 'via', `${model.id} has no relationship ${rule.via}.`);
    target = relationship.target ?? '*';
  }
  // A relationship's target is often a base model (a sensor observes a Space); the twin it reaches may
  // extend it, so only a rule on the sender itself can be checked for its property here.
  if (!rule.via && !model.properties.has(rule.property)) invalid(rule, 'property', `${model.id} has no property ${rule.property}.`);
  return { kind: 'telemetry', id: rule.id, rule, output: { model: target, property: rule.property }, inputs: { model: model.id, properties: new Set() } };
}

/** Checks a rule against the models (names, types, units, syntax) and compiles it; throws InvalidArgument with the field and place. */
export async function compileRule(rule: Rule, lookup: ModelLookup): Promise<CompiledRule> {
  switch (rule.kind) {
    case 'derive':
      return compileDerive(rule, lookup);
    case 'rollup':
      return compileRollup(rule, lookup);
    case 'alert':
      return compileAlert(rule, lookup);
    case 'script':
      return compileScript(rule, lookup);
    default:
      return compileTelemetry(rule, lookup);
  }
}
