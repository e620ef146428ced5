/** How a form field is entered. */
export type FieldControl = 'text' | 'textarea' | 'code' | 'select' | 'number' | 'password';

/** One field of a definition form. */
export interface FieldSpec {
  /** The definition's member (what the engine names in `details.field`). */
  readonly name: string;
  readonly label: string;
  readonly control: FieldControl;
  readonly options?: readonly string[];
  /** Values offered while typing (model ids, twin ids). */
  readonly suggestions?: readonly string[];
  readonly placeholder?: string;
  readonly hint?: string;
  readonly required?: boolean;
}

/** A form's text, by field name. */
export type FormValues = Record<string, string>;

/** A definition read from a form, or the field that cannot be read and why. */
export type ParsedForm<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly field: string; readonly message: string };

/** How one kind of definition (endpoint, route, source, binding, rule) is edited in a form. */
export interface DefinitionKind<T> {
  /** What one is called, for buttons and messages: `endpoint`. */
  readonly noun: string;
  /** The field that names a definition; fixed once it is saved. */
  readonly keyField: string;
  key(definition: T): string;
  blank(): FormValues;
  /** The fields to show for these values (they depend on the type or kind chosen). */
  fields(values: FormValues): readonly FieldSpec[];
  toValues(definition: T): FormValues;
  /** Reads the form; only what the form itself cannot express is refused here, the rest is the engine's to check. */
  parse(values: FormValues): ParsedForm<T>;
  /** One line that says what it does. */
  summary(definition: T): string;
}

/** A field's trimmed text, or undefined when empty. */
export function optional(values: FormValues, name: string): string | undefined {
  const text = values[name]?.trim() ?? '';
  return text === '' ? undefined : text;
}

/** A list typed one item a line or separated by commas. */
export function list(values: FormValues, name: string): string[] {
  return (values[name] ?? '')
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A number field: the number, undefined when empty, or a refusal naming the field. */
export function numberField(values: FormValues, name: string, label: string): { ok: true; value: number | undefined } | { ok: false; field: string; message: string } {
  const text = optional(values, name);
  if (text === undefined) return { ok: true, value: undefined };
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, field: name, message: `${label} must be a number.` };
}

/** Drops members whose value is undefined, so optional members stay absent. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
