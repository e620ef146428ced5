/** A value bound to the SQL statement: booleans travel as 1/0 like SQLite's JSON functions return them. */
export type SqlValue = string | number | null;

/** Collects parameters under stable names (`@p0`, `@p1`, …), reusing a name for a repeated value. */
export class ParameterBag {
  private readonly values: Record<string, SqlValue> = {};
  private readonly byKey = new Map<string, string>();

  /** The placeholder for `value`; the same value always gets the same placeholder. */
  bind(value: SqlValue): string {
    const key = typeof value === 'string' ? `s${value}` : typeof value === 'number' ? `n${value}` : 'null';
    const existing = this.byKey.get(key);
    if (existing) return `@${existing}`;
    const name = `p${this.byKey.size}`;
    this.byKey.set(key, name);
    this.values[name] = value;
    return `@${name}`;
  }

  /** The parameters as a plain object for better-sqlite3's named binding. */
  toObject(): Readonly<Record<string, SqlValue>> {
    return { ...this.values };
  }
}
