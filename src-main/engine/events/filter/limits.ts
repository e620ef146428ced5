// Size bounds. ADT publishes no length or term limit for route filters, so the strict values
// are Twinbench's own conservative choices; the hard bounds keep hostile input cheap.

/** Bounds a filter must respect. */
export interface RouteFilterLimits {
  /** Characters in the filter text. */
  readonly maxLength: number;
  /** Comparisons, function calls and constants. */
  readonly maxTerms: number;
  /** Nesting of parentheses and NOTs. */
  readonly maxDepth: number;
}

/** Always enforced: bounded time and stack for any input. */
export const hardRouteFilterLimits: RouteFilterLimits = { maxLength: 65_536, maxTerms: 10_000, maxDepth: 64 };

/** Enforced with `{ strict: true }`. */
export const strictRouteFilterLimits: RouteFilterLimits = { maxLength: 2_000, maxTerms: 50, maxDepth: 16 };

/** Options for parsing and compiling a route filter. */
export interface RouteFilterOptions {
  /** Enforce `strictRouteFilterLimits` instead of the hard bounds. */
  readonly strict?: boolean;
}

/** The limits that apply under `options`. */
export function limitsFor(options: RouteFilterOptions | undefined): RouteFilterLimits {
  return options?.strict === true ? strictRouteFilterLimits : hardRouteFilterLimits;
}
