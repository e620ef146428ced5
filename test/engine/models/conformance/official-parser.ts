// The official DTDLParser (1.1.3, .NET compiled to WASM in @digicatapult/dtdl-parser), used as a
// baseline by the benchmark and the differential test. Its interop takes one JSON text (a model or
// an array of models), has no resolver and no options, and throws an Error whose message is the
// JSON of the parsing or resolution exception.

import { getInterop } from '@digicatapult/dtdl-parser';

/** One error reported by the official parser. */
export interface OfficialError {
  readonly validationId: string;
  readonly primaryId?: string;
}

/** What the official parser made of one text. */
export type OfficialResult =
  | { readonly ok: true; readonly elementCount: number }
  | { readonly ok: false; readonly kind: 'Parsing'; readonly errors: readonly OfficialError[] }
  | { readonly ok: false; readonly kind: 'Resolution'; readonly undefinedIdentifiers: readonly string[] }
  /** The interop failed with something other than a DTDL exception (a .NET runtime error). */
  | { readonly ok: false; readonly kind: 'Crash'; readonly message: string };

/** The loaded parser. */
export interface OfficialParser {
  readonly version: string;
  /** Parses and returns the raw object-model JSON (what the benchmark times). */
  parseRaw(text: string): string;
  /** Parses and summarizes the outcome. */
  parse(text: string): OfficialResult;
}

interface RawException {
  ExceptionKind?: string;
  Errors?: Array<{ ValidationID: string; PrimaryID?: string | null }>;
  UndefinedIdentifiers?: string[];
}

/** Loads the WASM runtime (about one second) and wraps it. */
export async function loadOfficialParser(): Promise<OfficialParser> {
  const interop = await getInterop();
  const parse = (text: string): OfficialResult => {
    let out: string;
    try {
      out = interop.parse(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      let x: RawException;
      try {
        x = JSON.parse(message) as RawException;
      } catch {
        return { ok: false, kind: 'Crash', message };
      }
      if (x.ExceptionKind === 'Resolution') return { ok: false, kind: 'Resolution', undefinedIdentifiers: x.UndefinedIdentifiers ?? [] };
      if (x.ExceptionKind !== 'Parsing') return { ok: false, kind: 'Crash', message };
      const errors = (x.Errors ?? []).map((r) => (r.PrimaryID !== undefined && r.PrimaryID !== null ? { validationId: r.ValidationID, primaryId: r.PrimaryID } : { validationId: r.ValidationID }));
      return { ok: false, kind: 'Parsing', errors };
    }
    return { ok: true, elementCount: Object.keys(JSON.parse(out) as Record<string, unknown>).length };
  };
  return { version: interop.parserVersion(), parseRaw: (text) => interop.parse(text), parse };
}
