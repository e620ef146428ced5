// What the models let a query name, gathered once per model set; the editor's completion
// offers it (kept apart from the editor so the query state loads without CodeMirror).
import type { ModelDetail } from '../../../src-shared/contract';

/** A name the editor can offer, with a short note on where it comes from. */
export interface VocabularyEntry {
  readonly name: string;
  readonly detail: string;
}

/** What the uploaded models let a query name: model ids, twin properties, relationships. */
export interface QueryVocabulary {
  readonly models: readonly VocabularyEntry[];
  readonly properties: readonly VocabularyEntry[];
  readonly relationships: readonly VocabularyEntry[];
  readonly relationshipProperties: readonly VocabularyEntry[];
}

export const emptyVocabulary: QueryVocabulary = { models: [], properties: [], relationships: [], relationshipProperties: [] };

const shortName = (id: string) => id.replace(/^dtmi:/, '').replace(/;\d+$/, '').split(':').at(-1) ?? id;

/** Gathers the names of flattened models, each with the models that declare it. */
export function vocabularyFromModels(models: readonly ModelDetail[]): QueryVocabulary {
  const properties = new Map<string, Set<string>>();
  const relationships = new Map<string, Set<string>>();
  const relationshipProperties = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, name: string, note: string) => map.set(name, (map.get(name) ?? new Set()).add(note));
  for (const model of models) {
    const owner = shortName(model.id);
    for (const content of model.contents) {
      if (content.kind === 'Property' || content.kind === 'Component') add(properties, content.name, owner);
      if (content.kind === 'Relationship') {
        add(relationships, content.name, content.target ? `${owner} → ${shortName(content.target)}` : owner);
        for (const property of content.properties ?? []) add(relationshipProperties, property.name, `${content.name}`);
      }
    }
  }
  const entries = (map: Map<string, Set<string>>) => [...map].map(([name, notes]) => ({ name, detail: [...notes].sort().join(', ') })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    models: models.map((model) => ({ name: model.id, detail: model.displayName.en ?? Object.values(model.displayName)[0] ?? shortName(model.id) })).sort((a, b) => a.name.localeCompare(b.name)),
    properties: entries(properties),
    relationships: entries(relationships),
    relationshipProperties: entries(relationshipProperties),
  };
}
