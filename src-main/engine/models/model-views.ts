import type { ContentView, SchemaView } from '../../../src-shared/contract';
import type { Content, FlatContent, Property, Schema } from './dtdl';

/** A schema as plain data for the UI and CLI. */
export function schemaView(schema: Schema): SchemaView {
  switch (schema.kind) {
    case 'Primitive':
      return schema.name;
    case 'UnitEnum':
      return schema.name;
    case 'Array':
      return { kind: 'Array', elementSchema: schemaView(schema.elementSchema) };
    case 'Enum':
      return { kind: 'Enum', valueSchema: schema.valueSchema, values: schema.enumValues.map((value) => ({ name: value.name, value: value.enumValue })) };
    case 'Map':
      return { kind: 'Map', keyName: schema.mapKey.name, valueName: schema.mapValue.name, valueSchema: schemaView(schema.mapValue.schema) };
    case 'Object':
      return { kind: 'Object', fields: schema.fields.map((field) => ({ name: field.name, schema: schemaView(field.schema) })) };
  }
}

function baseView(content: Content, declaredIn: string, inherited: boolean) {
  return {
    kind: content.kind,
    name: content.name,
    id: content.id,
    declaredIn,
    inherited,
    ...(content.displayName ? { displayName: content.displayName } : {}),
    ...(content.description ? { description: content.description } : {}),
    types: content.supplementalTypes,
  };
}

function propertyView(property: Property, declaredIn: string, inherited: boolean): ContentView {
  return {
    ...baseView(property, declaredIn, inherited),
    schema: schemaView(property.schema),
    writable: property.writable,
    ...(property.unit ? { unit: property.unit } : {}),
  };
}

/** A content of an interface as plain data, with where it was declared. */
export function contentView({ content, declaredIn, inherited }: FlatContent): ContentView {
  switch (content.kind) {
    case 'Property':
      return propertyView(content, declaredIn, inherited);
    case 'Telemetry':
      return { ...baseView(content, declaredIn, inherited), schema: schemaView(content.schema), ...(content.unit ? { unit: content.unit } : {}) };
    case 'Command':
      return {
        ...baseView(content, declaredIn, inherited),
        ...(content.request ? { request: { name: content.request.name, schema: schemaView(content.request.schema) } } : {}),
        ...(content.response ? { response: { name: content.response.name, schema: schemaView(content.response.schema) } } : {}),
      };
    case 'Relationship':
      return {
        ...baseView(content, declaredIn, inherited),
        writable: content.writable,
        ...(content.target ? { target: content.target } : {}),
        ...(content.minMultiplicity !== undefined ? { minMultiplicity: content.minMultiplicity } : {}),
        ...(content.maxMultiplicity !== undefined ? { maxMultiplicity: content.maxMultiplicity } : {}),
        properties: content.properties.map((property) => propertyView(property, declaredIn, inherited)),
      };
    case 'Component':
      return { ...baseView(content, declaredIn, inherited), componentSchema: content.schema };
  }
}
