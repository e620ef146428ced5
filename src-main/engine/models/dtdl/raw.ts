// Internal element representation shared by the build, resolve and validate stages. These are
// mutable working records; the public object model (types.ts) is built from them at the end.

import type { ActiveContext } from './context';
import type { KeyLines } from './json-source';
import type { MaterialClass } from './metamodel';
import type { DtdlError, DtdlVersion } from './types';
import { formatMessage, type MessageFields } from './error-messages';

/** A reference from a property to an element, by DTMI (inline elements are referenced too). */
export interface RawRef {
  readonly id: string;
  readonly inline: boolean;
  readonly line?: number;
}

/** A property value after reading. */
export type RawValue =
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'boolean'; readonly v: boolean }
  | { readonly t: 'integer'; readonly v: number }
  | { readonly t: 'enumLiteral'; readonly v: string | number }
  | { readonly t: 'lang'; readonly v: Readonly<Record<string, string>> }
  | { readonly t: 'refs'; readonly items: readonly RawRef[] }
  | { readonly t: 'term'; readonly v: string };

/** One element found in the input. */
export interface RawElement {
  readonly id: string;
  readonly idGiven: boolean;
  readonly cls: MaterialClass;
  readonly version: DtdlVersion;
  readonly ctx: ActiveContext;
  readonly semanticTypes: readonly string[];
  readonly adjunctTypes: readonly string[];
  readonly undefinedTypes: readonly string[];
  readonly props: Map<string, RawValue>;
  /** Properties kept for undefined co-types; a shared empty object until the first one. */
  undefinedProps: Record<string, unknown>;
  readonly docIndex: number;
  readonly start?: number;
  readonly end?: number;
  /** Line of each property, by property name (the document's own key-line map while the keys are the terms). */
  propLines: KeyLines;
  readonly parentId: string | null;
  readonly parentProp: string | null;
}

/** Prefix of every parsing error id. */
export const errorPrefix = 'dtmi:dtdl:parsingError:';

/** Fields of an error being reported. */
export interface ErrorInit {
  readonly primaryId?: string | null;
  readonly secondaryId?: string;
  readonly property?: string;
  readonly value?: string;
  readonly documentIndex?: number;
  readonly line?: number;
  readonly column?: number;
  readonly detail?: string;
}

/** Builds one DtdlError with its message. */
export function makeError(kind: string, init: ErrorInit): DtdlError {
  const fields: MessageFields = {
    id: init.primaryId ?? undefined,
    property: init.property,
    value: init.value,
    other: init.secondaryId,
    detail: init.detail,
  };
  const e: { -readonly [K in keyof DtdlError]: DtdlError[K] } = {
    validationId: kind === 'unresolved' ? 'dtmi:dtdl:resolutionError:unresolved' : errorPrefix + kind,
    message: formatMessage(kind, fields),
  };
  if (init.primaryId !== undefined && init.primaryId !== null) e.primaryId = init.primaryId;
  if (init.secondaryId !== undefined) e.secondaryId = init.secondaryId;
  if (init.property !== undefined) e.property = init.property;
  if (init.value !== undefined) e.value = init.value;
  if (init.documentIndex !== undefined) e.documentIndex = init.documentIndex;
  if (init.line !== undefined) e.line = init.line;
  if (init.column !== undefined) e.column = init.column;
  return e;
}

/** Refs of a property, or an empty list. */
export function refsOf(el: RawElement, prop: string): readonly RawRef[] {
  const v = el.props.get(prop);
  return v !== undefined && v.t === 'refs' ? v.items : [];
}

/** A string property, if present. */
export function stringOf(el: RawElement, prop: string): string | undefined {
  const v = el.props.get(prop);
  return v !== undefined && (v.t === 'string' || v.t === 'term') ? v.v : undefined;
}
