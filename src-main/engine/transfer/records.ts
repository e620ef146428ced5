/** The sections of an import, in the order they must come (ADT's import-job sections). */
export type Section = 'Models' | 'Twins' | 'Relationships';

/** One entity read from an import file, with where it came from. */
export type ImportRecord =
  | { readonly kind: 'model'; readonly value: unknown; readonly line?: number }
  | { readonly kind: 'twin'; readonly value: Record<string, unknown>; readonly line?: number }
  | { readonly kind: 'relationship'; readonly value: Record<string, unknown>; readonly line?: number }
  /** A line that could not be read as an entity: rejected, or the whole import fails. */
  | { readonly kind: 'unreadable'; readonly section: Section; readonly message: string; readonly line?: number };

/** What a reader hands over at a time: one record, or a batch of them (fewer awaits on large files). */
export type ImportChunk = ImportRecord | readonly ImportRecord[];

/** A reader of one import format: yields records from the file, reporting bytes read. */
export type ImportReader = (path: string, onBytes: (bytesRead: number) => void) => AsyncGenerator<ImportChunk>;

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
