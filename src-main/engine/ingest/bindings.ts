import { EngineError, ErrorCode, type DeviceBinding, type FieldBinding } from '../../../src-shared/contract';
import type { GraphContext } from '../graph/graph-context';
import type { TwinModel } from '../graph/twin-model';
import type { Schema } from '../models/dtdl';
import { isUnit, unitConversion } from './unit-conversion';

/** One payload field, ready to apply: its target, and the unit conversion when the device sends another unit. */
export interface CompiledField {
  readonly to: 'telemetry' | 'property';
  readonly name: string;
  readonly convert?: (value: number) => number;
}

/** A binding checked against its twin's model, ready for the hot path. */
export interface CompiledBinding {
  readonly deviceId: string;
  readonly twinId: string;
  readonly component?: string;
  readonly fields: ReadonlyMap<string, CompiledField>;
}

// eslint-disable-next-line no-control-regex -- control characters are what the pattern keeps out
const deviceIdPattern = /^[^/+#\u0000-\u001f\u007f]{1,256}$/u;

/** Checks a device id: 1 to 256 characters, none of them `/`, `+`, `#` or control characters (it is one MQTT topic level). */
export function checkDeviceId(value: unknown): string {
  if (typeof value !== 'string' || !deviceIdPattern.test(value)) {
    throw new EngineError(ErrorCode.InvalidArgument, 'A device id is 1 to 256 characters without "/", "+", "#" or control characters.', { deviceId: value, field: 'deviceId' });
  }
  return value;
}

const isNumeric = (schema: Schema) => schema.kind === 'Primitive' && ['double', 'float', 'integer', 'long'].includes(schema.name);

function compileField(where: string, field: string, binding: unknown, level: TwinModel): CompiledField {
  const fields = (binding ?? {}) as Partial<FieldBinding>;
  const at = `${where}, field "${field}"`;
  if (fields.to !== 'telemetry' && fields.to !== 'property') throw new EngineError(ErrorCode.InvalidArgument, `${at}: "to" must be "telemetry" or "property".`, { field: 'fields', payloadField: field });
  if (typeof fields.name !== 'string' || fields.name === '') throw new EngineError(ErrorCode.InvalidArgument, `${at}: "name" names the ${fields.to}.`, { field: 'fields', payloadField: field });
  const content = fields.to === 'telemetry' ? level.telemetry.get(fields.name) : level.properties.get(fields.name);
  if (!content) throw new EngineError(ErrorCode.InvalidArgument, `${at}: the model ${level.id} declares no ${fields.to} ${fields.name}.`, { field: 'fields', payloadField: field, model: level.id, name: fields.name });
  if (fields.unit === undefined) return { to: fields.to, name: fields.name };
  if (typeof fields.unit !== 'string' || !isUnit(fields.unit)) throw new EngineError(ErrorCode.InvalidArgument, `${at}: ${JSON.stringify(fields.unit)} is not a DTDL unit name (such as degreeFahrenheit).`, { field: 'fields', payloadField: field, unit: fields.unit });
  if (!content.unit) throw new EngineError(ErrorCode.InvalidArgument, `${at}: the model states no unit for ${fields.name}, so ${fields.unit} cannot be converted.`, { field: 'fields', payloadField: field, unit: fields.unit });
  if (!isNumeric(content.schema)) throw new EngineError(ErrorCode.InvalidArgument, `${at}: ${fields.name} is not a number, so it has no unit to convert to.`, { field: 'fields', payloadField: field });
  const conversion = unitConversion(fields.unit, content.unit);
  if (typeof conversion !== 'function') throw new EngineError(ErrorCode.InvalidArgument, `${at}: ${conversion.reason}.`, { field: 'fields', payloadField: field, unit: fields.unit, modelUnit: content.unit });
  return { to: fields.to, name: fields.name, ...(fields.unit === content.unit ? {} : { convert: conversion }) };
}

/** Checks a binding against the graph and its twin's model, and compiles it; a clear, located error otherwise. */
export async function compileBinding(graph: GraphContext, input: DeviceBinding): Promise<{ binding: DeviceBinding; compiled: CompiledBinding }> {
  const raw = (input ?? {}) as Partial<DeviceBinding>;
  const deviceId = checkDeviceId(raw.deviceId);
  const where = `Binding of device ${deviceId}`;
  if (typeof raw.twinId !== 'string' || raw.twinId === '') throw new EngineError(ErrorCode.InvalidArgument, `${where}: "twinId" names the twin its messages land on.`, { field: 'twinId' });
  const modelId = graph.store.twinModel(raw.twinId);
  if (modelId === undefined) throw new EngineError(ErrorCode.TwinNotFound, `${where}: there is no twin ${raw.twinId}.`, { id: raw.twinId, field: 'twinId' });
  const model = await graph.models.get(modelId);
  if (!model) throw new EngineError(ErrorCode.ModelNotFound, `${where}: the model ${modelId} of twin ${raw.twinId} is missing.`, { model: modelId, field: 'twinId' });
  const level = raw.component === undefined ? model : model.components.get(raw.component);
  if (!level) throw new EngineError(ErrorCode.InvalidArgument, `${where}: twin ${raw.twinId} has no component ${raw.component}.`, { component: raw.component, field: 'component' });
  if (typeof raw.fields !== 'object' || raw.fields === null || Array.isArray(raw.fields) || Object.keys(raw.fields).length === 0) {
    throw new EngineError(ErrorCode.InvalidArgument, `${where}: "fields" maps each payload field to { to: "telemetry" | "property", name, unit? }.`, { field: 'fields' });
  }
  const fields = new Map<string, CompiledField>();
  const saved: Record<string, FieldBinding> = {};
  for (const [field, target] of Object.entries(raw.fields)) {
    fields.set(field, compileField(where, field, target, level));
    saved[field] = { to: target.to, name: target.name, ...(target.unit !== undefined ? { unit: target.unit } : {}) };
  }
  const binding: DeviceBinding = { deviceId, twinId: raw.twinId, ...(raw.component !== undefined ? { component: raw.component } : {}), fields: saved };
  return { binding, compiled: { deviceId, twinId: raw.twinId, ...(raw.component !== undefined ? { component: raw.component } : {}), fields } };
}

/** A relationship of the graph: source, target. */
interface Link {
  readonly source: string;
  readonly target: string;
}

/**
 * Bindings for the twins that have relationship `name` (a sensor that observes a room): the
 * device id is the twin's id; `self` maps each of its model's telemetry to itself, `observed`
 * maps each telemetry to the related twin's telemetry or property of the same name, in the
 * related model's unit.
 */
export async function bindingsFromRelationships(graph: GraphContext, name: string, target: 'self' | 'observed'): Promise<DeviceBinding[]> {
  const links = graph.db.prepare<[string], Link>('SELECT source, target FROM relationships WHERE name = ? ORDER BY source, target').all(name);
  const bindings: DeviceBinding[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    if (seen.has(link.source) || !deviceIdPattern.test(link.source)) continue;
    seen.add(link.source);
    const sensor = await modelOf(graph, link.source);
    if (!sensor || sensor.telemetry.size === 0) continue;
    if (target === 'self') {
      const fields = Object.fromEntries([...sensor.telemetry.values()].map((t) => [t.name, { to: 'telemetry' as const, name: t.name, ...(t.unit ? { unit: t.unit } : {}) }]));
      bindings.push({ deviceId: link.source, twinId: link.source, fields });
      continue;
    }
    const observed = await modelOf(graph, link.target);
    if (!observed) continue;
    const fields: Record<string, FieldBinding> = {};
    for (const t of sensor.telemetry.values()) {
      const there = observed.telemetry.get(t.name) ?? observed.properties.get(t.name);
      if (!there) continue;
      const unit = t.unit && there.unit && typeof unitConversion(t.unit, there.unit) === 'function' ? { unit: t.unit } : {};
      fields[t.name] = { to: there.kind === 'Telemetry' ? 'telemetry' : 'property', name: t.name, ...unit };
    }
    if (Object.keys(fields).length > 0) bindings.push({ deviceId: link.source, twinId: link.target, fields });
  }
  return bindings;
}

async function modelOf(graph: GraphContext, twinId: string): Promise<TwinModel | undefined> {
  const modelId = graph.store.twinModel(twinId);
  return modelId === undefined ? undefined : graph.models.get(modelId);
}
