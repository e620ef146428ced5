// Public face of the DTDL v2/v3 parser library.

export { parseModels, loadDocument } from './parse-models';
export { flattenInterface, ancestorsOf } from './flatten';
export { parseDtmi, isDtmi, dtmiToRepositoryPath, type DtmiParts } from './dtmi';
export { parseJsonText, type JsonSyntaxError } from './json-source';
export { assertValid } from './assert-valid';
export { validateInstance } from './instance';
export type {
  ArraySchema,
  Command,
  CommandPayload,
  Component,
  Content,
  DtdlError,
  DtdlQuirk,
  DtdlVersion,
  DtmiResolver,
  ElementBase,
  ElementKind,
  EnumSchema,
  EnumValue,
  Field,
  FlatContent,
  Interface,
  LangString,
  MapSchema,
  ObjectSchema,
  ParseOptions,
  ParseResult,
  PrimitiveSchema,
  PrimitiveSchemaName,
  Property,
  Relationship,
  Schema,
  Telemetry,
  UnitEnumSchema,
} from './types';
