import type { Database } from 'better-sqlite3';
import { createWriteStream, type WriteStream } from 'node:fs';
import { EngineError, ErrorCode, type ExportFormat } from '../../../src-shared/contract';

/** Writes text, waiting when the file stream asks for it. */
async function put(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

/** A twin as exports write it: `$metadata` reduced to the model, no ETag. */
function exportedTwin(body: string): Record<string, unknown> {
  const { $etag: _etag, $metadata, ...twin } = JSON.parse(body) as Record<string, unknown>;
  const components = Object.fromEntries(
    Object.entries(twin).map(([name, value]) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && '$metadata' in value ? [name, { ...value, $metadata: {} }] : [name, value],
    ),
  );
  return { ...components, $metadata: { $model: ($metadata as { $model: string }).$model } };
}

export interface ExportCounts {
  models: number;
  twins: number;
  relationships: number;
}

/**
 * Writes the whole graph (models, twins, relationships) as ADT import-job NDJSON or ADT
 * Explorer JSON, streaming rows from SQLite so memory stays flat. Both re-import to the same
 * graph. Reads run in one transaction on `db` (a connection of its own), so the file is one
 * consistent snapshot while writes go on.
 */
export async function exportGraph(db: Database, path: string, format: ExportFormat, signal: AbortSignal | undefined, onProgress: (counts: Readonly<ExportCounts>) => void): Promise<ExportCounts> {
  const counts: ExportCounts = { models: 0, twins: 0, relationships: 0 };
  const stream = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  const check = () => {
    if (signal?.aborted) throw new EngineError(ErrorCode.Cancelled, 'The export was cancelled.');
  };
  db.exec('BEGIN');
  try {
    const models = db.prepare<[], { definition: string }>('SELECT definition FROM models ORDER BY id').raw(false);
    const twins = db.prepare<[], { body: string }>('SELECT body FROM twins ORDER BY rowid');
    const relationships = db.prepare<[], { body: string }>('SELECT body FROM relationships ORDER BY source, id');
    const jobs = format === 'jobs';
    await put(stream, jobs ? '{"Section":"Header"}\n{"fileVersion":"1.0.0","author":"Twinbench","organization":""}\n{"Section":"Models"}\n' : '{"digitalTwinsFileInfo":{"fileVersion":"1.0.0"},"digitalTwinsGraph":{"digitalTwins":[');
    const modelTexts: string[] = [];
    for (const row of models.iterate()) {
      if (jobs) await put(stream, `${JSON.stringify(JSON.parse(row.definition))}\n`);
      else modelTexts.push(JSON.stringify(JSON.parse(row.definition)));
      counts.models++;
    }
    if (jobs) await put(stream, '{"Section":"Twins"}\n');
    for (const row of twins.iterate()) {
      if (counts.twins % 1000 === 0) {
        check();
        onProgress(counts);
      }
      await put(stream, jobs ? `${JSON.stringify(exportedTwin(row.body))}\n` : `${counts.twins > 0 ? ',' : ''}${JSON.stringify(exportedTwin(row.body))}`);
      counts.twins++;
    }
    await put(stream, jobs ? '{"Section":"Relationships"}\n' : '],"relationships":[');
    for (const row of relationships.iterate()) {
      if (counts.relationships % 1000 === 0) {
        check();
        onProgress(counts);
      }
      const { $etag: _etag, $sourceId, ...relationship } = JSON.parse(row.body) as Record<string, unknown>;
      const line = jobs ? { $dtId: $sourceId, ...relationship } : { $sourceId, ...relationship };
      await put(stream, jobs ? `${JSON.stringify(line)}\n` : `${counts.relationships > 0 ? ',' : ''}${JSON.stringify(line)}`);
      counts.relationships++;
    }
    if (!jobs) await put(stream, `]},"digitalTwinsModels":[${modelTexts.join(',')}]}\n`);
  } finally {
    db.exec('COMMIT');
    stream.end();
  }
  await closed;
  onProgress(counts);
  return counts;
}
