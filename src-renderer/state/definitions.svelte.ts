import { errorField } from '../../src-shared/contract';
import type { DefinitionKind, FormValues } from '../ui/definition-form';
import { describeError } from './workspace.svelte';

/** How a list of definitions is read and written through the EngineApi. */
export interface DefinitionStore<T> {
  list(): Promise<T[]>;
  put(definition: T): Promise<unknown>;
  remove(key: string): Promise<void>;
}

/**
 * One list of definitions (endpoints, routes, sources, bindings or rules) and its form: create,
 * edit, delete, with the engine's refusals shown at the field they name.
 */
export class DefinitionsState<T> {
  items = $state.raw<T[]>([]);
  loaded = $state(false);
  /** A failed load or delete. */
  error = $state<string | null>(null);
  /** The definition being edited: its key (fixed while editing), `''` for a new one, null when the form is closed. */
  editing = $state<string | null>(null);
  values = $state<FormValues>({});
  /** Why the engine (or the form) refused a field, by field name. */
  fieldErrors = $state<Record<string, string>>({});
  /** A refusal that names no field of the form (a cycle between rules). */
  formError = $state<string | null>(null);
  saving = $state(false);

  constructor(
    private readonly store: DefinitionStore<T>,
    private readonly kindOf: () => DefinitionKind<T>,
  ) {}

  get kind(): DefinitionKind<T> {
    return this.kindOf();
  }

  async load(): Promise<void> {
    try {
      this.items = await this.store.list();
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = describeError(error);
    }
  }

  startNew(): void {
    this.open('', this.kind.blank());
  }

  edit(key: string): void {
    const definition = this.items.find((item) => this.kind.key(item) === key);
    if (definition) this.open(key, this.kind.toValues(definition));
  }

  close(): void {
    this.editing = null;
    this.fieldErrors = {};
    this.formError = null;
  }

  private open(key: string, values: FormValues): void {
    this.editing = key;
    this.values = { ...this.kind.blank(), ...values };
    this.fieldErrors = {};
    this.formError = null;
  }

  /** Sends the form to the engine; on a refusal the form stays open with the message at its field. True when saved. */
  async save(): Promise<boolean> {
    if (this.saving) return false;
    this.fieldErrors = {};
    this.formError = null;
    const parsed = this.kind.parse(this.values);
    if (!parsed.ok) {
      this.fieldErrors = { [parsed.field]: parsed.message };
      return false;
    }
    this.saving = true;
    try {
      await this.store.put(parsed.value);
      await this.load();
      this.close();
      return true;
    } catch (error) {
      const field = errorField(error);
      const message = describeError(error);
      if (field && this.kind.fields(this.values).some((spec) => spec.name === field)) this.fieldErrors = { [field]: message };
      else this.formError = message;
      return false;
    } finally {
      this.saving = false;
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await this.store.remove(key);
      if (this.editing === key) this.close();
      await this.load();
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
