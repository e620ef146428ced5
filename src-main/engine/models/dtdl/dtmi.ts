// Digital Twin Model Identifier syntax (https://github.com/Azure/digital-twin-model-identifier).

const seg = '[A-Za-z_](?:[A-Za-z0-9_]*[A-Za-z0-9])?';
const dtmiRe = new RegExp(`^dtmi:(${seg}(?::${seg})*)(?:;([1-9][0-9]{0,8})(?:\\.([1-9][0-9]{0,5}))?)?(#(?:${seg})?)?$`);

/** The parts of a DTMI. */
export interface DtmiParts {
  readonly labels: readonly string[];
  readonly majorVersion: number;
  readonly minorVersion: number;
  /** e.g. 3.000014 for ;3.14 */
  readonly completeVersion: number;
  /** The DTMI without version (fragment kept). */
  readonly versionless: string;
  /** '#frag', '#' or '' */
  readonly fragment: string;
  /** True when a label or the fragment starts with '_' (system-generated identifiers). */
  readonly isReserved: boolean;
}

/** Parses a DTMI; returns null when the text is not one. */
export function parseDtmi(text: string): DtmiParts | null {
  const m = dtmiRe.exec(text);
  if (m === null) return null;
  const labels = (m[1] as string).split(':');
  const major = m[2] !== undefined ? Number(m[2]) : 0;
  const minor = m[3] !== undefined ? Number(m[3]) : 0;
  const fragment = m[4] ?? '';
  return {
    labels,
    majorVersion: major,
    minorVersion: minor,
    completeVersion: major + minor / 1_000_000,
    versionless: `dtmi:${m[1] as string}${fragment}`,
    fragment,
    isReserved: labels.some((l) => l.startsWith('_')) || fragment.startsWith('#_'),
  };
}

/** True when the text is a syntactically valid DTMI. */
export function isDtmi(text: string): boolean {
  return dtmiRe.test(text);
}

/** The model-repository path of a DTMI: lowercased, ':' → '/', ';' → '-', plus '.json'. */
export function dtmiToRepositoryPath(dtmi: string): string {
  const base = dtmi.split('#')[0] as string;
  return `${base.toLowerCase().replace(/:/g, '/').replace(/;/g, '-')}.json`;
}
