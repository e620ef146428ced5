// The pipeline: load each document (text or value) → build elements → ask the resolver for
// what is missing, round by round → validate the whole set → build the object model. Errors are
// returned as data; nothing escapes as an exception.

import { buildDocument, type BuildOptions, type BuildSink } from './build-elements';
import { ElementGraph } from './element-graph';
import { indexJson, parseJsonText, type Json, type LineIndex } from './json-source';
import { buildModel } from './model';
import { makeError } from './raw';
import type { DtdlError, DtmiResolver, ParseOptions, ParseResult } from './types';
import { builtinElementCount } from './unit-parts';
import { validateGraph } from './validate';

const cotypeOnly: ReadonlySet<string> = new Set(['dtmi:dtdl:parsingError:invalidCotype', 'dtmi:dtdl:parsingError:invalidCotypeVersion']);

/** Upper bound on resolver rounds (each round must make progress anyway). */
const maxResolveRounds = 1000;

/** Loads one document into a value and line index (text: only `withLines`), or an error. */
export function loadDocument(doc: unknown, index: number, withLines = true): { ok: true; value: Json; lines: LineIndex } | { ok: false; error: DtdlError } {
  if (typeof doc === 'string') {
    const r = parseJsonText(doc, withLines);
    if (!r.ok) {
      return {
        ok: false,
        error: makeError('jsonSyntax', { documentIndex: index, line: r.error.line, column: r.error.column, detail: `${r.error.message} (line ${r.error.line}, column ${r.error.column})` }),
      };
    }
    return { ok: true, value: r.value, lines: r.lines };
  }
  const ix = indexJson(doc);
  if (!ix.ok) return { ok: false, error: makeError('notJsonObject', { documentIndex: index, detail: ` (${ix.message})` }) };
  if (!isJson(doc)) return { ok: false, error: makeError('notJsonObject', { documentIndex: index, detail: ' (it holds values that are not JSON)' }) };
  return { ok: true, value: doc, lines: ix.lines };
}

function isJson(x: unknown): x is Json {
  // Shallow-enough check: indexJson already walked the structure; reject functions, symbols,
  // bigint and undefined anywhere (iteratively).
  const stack: unknown[] = [x];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v !== 'object') return false;
    if (Array.isArray(v)) for (const i of v) stack.push(i);
    else for (const i of Object.values(v as Record<string, unknown>)) stack.push(i);
  }
  return true;
}

/**
 * Parses and validates DTDL v2/v3 documents; returns the Interfaces or the errors. Lines matter
 * only to errors, so text is first read without its line index (a quarter of the work for a
 * valid set); a set with errors is read again with lines, the resolver's answers replayed.
 */
export async function parseModels(documents: readonly unknown[], options: ParseOptions = {}): Promise<ParseResult> {
  try {
    const resolver = options.resolve !== undefined ? new RecordedResolver(options.resolve) : undefined;
    const first = await run(documents, { ...options, resolve: resolver?.ask }, false);
    if (first.ok) return first;
    return await run(documents, { ...options, resolve: resolver?.replay }, true);
  } catch (e) {
    return { ok: false, errors: [makeError('internal', { detail: e instanceof Error ? e.message : String(e) })] };
  }
}

/** A resolver whose answers are kept, so a second reading of the set gets the same documents without asking again. */
class RecordedResolver {
  private readonly answers = new Map<string, Awaited<ReturnType<DtmiResolver>>>();

  constructor(private readonly resolve: DtmiResolver) {}

  readonly ask: DtmiResolver = async (dtmis) => {
    const answer = await this.resolve(dtmis);
    this.answers.set(dtmis.join(' '), answer);
    return answer;
  };

  readonly replay: DtmiResolver = async (dtmis) => {
    const key = dtmis.join(' ');
    return this.answers.has(key) ? this.answers.get(key) : this.ask(dtmis);
  };
}

async function run(documents: readonly unknown[], options: ParseOptions, withLines: boolean): Promise<ParseResult> {
  if (!Array.isArray(documents)) return { ok: false, errors: [makeError('notJsonObject', { detail: ' (parseModels expects an array of documents)' })] };
  const sink: BuildSink = { elements: [], errors: [], builtins: new Map() };
  const quirks = options.quirks ?? [];
  const buildOpts = (resolved: boolean): BuildOptions => ({
    allowUndefinedExtensions: options.allowUndefinedExtensions === true,
    maxDtdlVersion: options.maxDtdlVersion,
    tolerateSolecisms: quirks.includes(resolved ? 'TolerateSolecismsInResolve' : 'TolerateSolecismsInParse'),
  });
  const graph = new ElementGraph();
  let nextIndex = 0;
  const ingest = (docs: readonly unknown[], resolved: boolean): void => {
    const opts = buildOpts(resolved);
    for (const d of docs) {
      const index = nextIndex++;
      const loaded = loadDocument(d, index, withLines);
      if (!loaded.ok) {
        sink.errors.push(loaded.error);
        continue;
      }
      const start = sink.elements.length;
      buildDocument(loaded.value, loaded.lines, index, opts, sink);
      graph.add(sink.elements.slice(start));
    }
  };
  ingest(documents, false);

  // Resolution: ask only for what is missing, until nothing is missing or nothing new arrives.
  let missing = graph.missing();
  const asked = new Set<string>();
  for (let round = 0; round < maxResolveRounds && missing.length > 0 && options.resolve !== undefined; round++) {
    const request = missing.filter((m) => !asked.has(m));
    if (request.length === 0) break;
    for (const m of request) asked.add(m);
    const response = await options.resolve(request);
    if (response === null || response === undefined) break;
    if (!Array.isArray(response)) {
      sink.errors.push(makeError('notJsonObject', { detail: ' (the resolver must return an array of documents)' }));
      break;
    }
    ingest(response, true);
    missing = graph.missing();
  }
  if (missing.length > 0) {
    for (const m of missing) {
      const refs = graph.referencesTo(m);
      const first = refs[0];
      sink.errors.push(
        makeError('unresolved', {
          value: m,
          primaryId: first?.from.id,
          property: first?.prop,
          documentIndex: first?.from.docIndex,
          line: first?.ref.line,
          detail: first !== undefined ? ` (referenced by ${first.from.id} in '${first.prop}')` : '',
        }),
      );
    }
  }
  if (sink.errors.length > 0) {
    // Elements whose only fault is a rejected co-type are otherwise complete, so the whole-set
    // rules still apply to them (the official parser reports both kinds together).
    if (sink.errors.every((e) => cotypeOnly.has(e.validationId))) return { ok: false, errors: [...sink.errors, ...validateGraph(graph)] };
    return { ok: false, errors: sink.errors };
  }
  const errors = validateGraph(graph);
  if (errors.length > 0) return { ok: false, errors };
  const interfaces = buildModel(graph);
  return { ok: true, interfaces, elementCount: graph.byId.size + builtinElementCount(sink.builtins) };
}
