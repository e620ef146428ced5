import { flattenInterface, type Interface, type Property, type Relationship, type Telemetry } from '../models/dtdl';

/** A model's contents as twin validation needs them, by name. */
export interface TwinModel {
  readonly id: string;
  readonly properties: ReadonlyMap<string, Property>;
  readonly components: ReadonlyMap<string, TwinModel>;
  readonly relationships: ReadonlyMap<string, Relationship>;
  /** Telemetry and commands: names a twin body may not set. */
  readonly others: ReadonlyMap<string, 'Telemetry' | 'Command'>;
  /** The model's telemetry, by name. */
  readonly telemetry: ReadonlyMap<string, Telemetry>;
}

/** Builds the twin view of `iface` from its flattened contents. */
export function twinModelOf(iface: Interface, interfaces: ReadonlyMap<string, Interface>, depth = 0): TwinModel {
  const properties = new Map<string, Property>();
  const components = new Map<string, TwinModel>();
  const relationships = new Map<string, Relationship>();
  const others = new Map<string, 'Telemetry' | 'Command'>();
  const telemetry = new Map<string, Telemetry>();
  for (const { content } of flattenInterface(iface, interfaces)) {
    switch (content.kind) {
      case 'Property':
        properties.set(content.name, content);
        break;
      case 'Relationship':
        relationships.set(content.name, content);
        break;
      case 'Component': {
        const schema = interfaces.get(content.schema);
        // DTDL forbids components inside components; the depth guard keeps a broken set finite.
        if (schema && depth === 0) components.set(content.name, twinModelOf(schema, interfaces, depth + 1));
        break;
      }
      case 'Telemetry':
        others.set(content.name, content.kind);
        telemetry.set(content.name, content);
        break;
      case 'Command':
        others.set(content.name, content.kind);
        break;
    }
  }
  return { id: iface.id, properties, components, relationships, others, telemetry };
}

/** Twin views of models, built on first use and dropped when the models change. */
export class TwinModels {
  private readonly cache = new Map<string, TwinModel>();
  /** True while the cache holds every model (after `loadAll`, until `clear`). */
  private complete = false;

  constructor(private readonly interfaces: () => Promise<ReadonlyMap<string, Interface>>) {}

  /** The twin view of model `id`, or undefined when there is no such model. */
  async get(id: string): Promise<TwinModel | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const interfaces = await this.interfaces();
    const iface = interfaces.get(id);
    if (!iface) return undefined;
    const model = twinModelOf(iface, interfaces);
    this.cache.set(id, model);
    return model;
  }

  /** The twin view of model `id` if it is already built: for synchronous writers that warmed it with `get` or `loadAll`. */
  peek(id: string): TwinModel | undefined {
    return this.cache.get(id);
  }

  /** Builds the view of every model, so `peek` answers for all of them (bulk writers). */
  async loadAll(): Promise<void> {
    if (this.complete) return;
    const interfaces = await this.interfaces();
    for (const [id, iface] of interfaces) if (!this.cache.has(id)) this.cache.set(id, twinModelOf(iface, interfaces));
    this.complete = true;
  }

  /** Forgets every view (a model was added or deleted). */
  clear(): void {
    this.cache.clear();
    this.complete = false;
  }
}
