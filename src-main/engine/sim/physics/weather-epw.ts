// EnergyPlus Weather (EPW) text → WeatherSeries. The format (EnergyPlus "Auxiliary Programs",
// Weather Converter, EPW data dictionary): 8 header lines (LOCATION … DATA PERIODS), then one
// comma-separated row of 35 fields per record. A short file, a wrong field count, a bad or
// missing number is a WeatherParseError naming the line and column.
import { WeatherParseError, type WeatherLocation, type WeatherSeries } from './weather';

const HEADER_LINES = 8;
const FIELDS = 35;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Data columns read from each row: 0-based field index, name, missing-value code, plausible range. */
const COLUMNS = [
  { key: 'dryBulbTemperature', index: 6, name: 'Dry Bulb Temperature', missing: 99.9, min: -70, max: 70 },
  { key: 'relativeHumidity', index: 8, name: 'Relative Humidity', missing: 999, min: 0, max: 110 },
  { key: 'globalHorizontalIrradiance', index: 13, name: 'Global Horizontal Radiation', missing: 9999, min: 0, max: 2000 },
  { key: 'directNormalIrradiance', index: 14, name: 'Direct Normal Radiation', missing: 9999, min: 0, max: 2000 },
  { key: 'diffuseHorizontalIrradiance', index: 15, name: 'Diffuse Horizontal Radiation', missing: 9999, min: 0, max: 2000 },
  { key: 'windSpeed', index: 21, name: 'Wind Speed', missing: 999, min: 0, max: 50 },
] as const;

type ColumnKey = (typeof COLUMNS)[number]['key'];

function epwError(message: string, line: number, parameter: string, value: unknown, expected: string, column?: number, field?: string): WeatherParseError {
  return new WeatherParseError(message, { format: 'epw', line, column, field, parameter, value, expected });
}

function headerNumber(fields: readonly string[], index: number, line: number, name: string): number {
  const raw = fields[index];
  const value = raw === undefined ? NaN : Number(raw.trim());
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value)) {
    throw epwError(`${name} is not a number`, line, name, raw, 'a number', index + 1, name);
  }
  return value;
}

/** Parses the text of an EPW file (hourly or sub-hourly) into columns. */
export function parseEpw(text: string): WeatherSeries {
  if (typeof text !== 'string') throw epwError('the input is not text', 0, 'text', typeof text, 'a string');
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length < HEADER_LINES) {
    throw epwError(`the header ends after ${lines.length} lines; expected ${HEADER_LINES} (LOCATION … DATA PERIODS)`, lines.length + 1, 'header', lines.length, `${HEADER_LINES} header lines`);
  }
  const loc = lines[0].split(',');
  if (loc[0]?.trim().toUpperCase() !== 'LOCATION') throw epwError('the first line is not LOCATION', 1, 'LOCATION', loc[0], 'LOCATION', 1);
  const location: WeatherLocation = {
    name: [loc[1], loc[2], loc[3]].filter((s) => s !== undefined && s.trim() !== '' && s.trim() !== '-').map((s) => s.trim()).join(', '),
    latitude: headerNumber(loc, 6, 1, 'Latitude'),
    longitude: headerNumber(loc, 7, 1, 'Longitude'),
    timeZone: headerNumber(loc, 8, 1, 'Time Zone'),
    elevation: headerNumber(loc, 9, 1, 'Elevation'),
  };
  const periods = lines[HEADER_LINES - 1].split(',');
  if (periods[0]?.trim().toUpperCase() !== 'DATA PERIODS') throw epwError('line 8 is not DATA PERIODS', HEADER_LINES, 'DATA PERIODS', periods[0], 'DATA PERIODS', 1);
  const stepsPerHour = headerNumber(periods, 2, HEADER_LINES, 'Number of Records per Hour');
  if (!Number.isInteger(stepsPerHour) || stepsPerHour < 1 || 60 % stepsPerHour !== 0) {
    throw epwError('records per hour must divide 60', HEADER_LINES, 'Number of Records per Hour', stepsPerHour, 'an integer dividing 60', 3);
  }
  const days = periodDays(periods[5], periods[6]);
  const rows = lines.length - HEADER_LINES;
  const expected = days * 24 * stepsPerHour;
  const leap = expected + 24 * stepsPerHour;
  if (rows !== expected && !(rows === leap && days >= 59)) {
    const truncated = rows < expected;
    throw epwError(
      truncated ? `the file ends after ${rows} data rows; expected ${expected} (${days} days × 24 h × ${stepsPerHour})` : `${rows} data rows; expected ${expected}`,
      truncated ? lines.length + 1 : HEADER_LINES + expected + 1,
      'rows',
      rows,
      `${expected} data rows`,
    );
  }
  const columns = {} as Record<ColumnKey, Float64Array>;
  for (const c of COLUMNS) columns[c.key] = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const lineNo = HEADER_LINES + r + 1;
    const fields = lines[HEADER_LINES + r].split(',');
    if (fields.length !== FIELDS) {
      throw epwError(`${fields.length} fields; expected ${FIELDS}`, lineNo, 'fields', fields.length, `${FIELDS} comma-separated fields`, Math.min(fields.length, FIELDS) + 1);
    }
    for (const c of COLUMNS) {
      const raw = fields[c.index].trim();
      const value = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(value)) throw epwError(`${c.name} "${raw}" is not a number`, lineNo, c.key, raw, 'a number', c.index + 1, c.name);
      if (value >= c.missing) throw epwError(`${c.name} is missing (${raw})`, lineNo, c.key, value, `a measured value below the missing code ${c.missing}`, c.index + 1, c.name);
      if (value < c.min || value > c.max) throw epwError(`${c.name} ${value} is outside [${c.min}, ${c.max}]`, lineNo, c.key, value, `a value in [${c.min}, ${c.max}]`, c.index + 1, c.name);
      columns[c.key][r] = value;
    }
  }
  return { location, stepsPerHour, length: rows, ...columns };
}

/** Days in a DATA PERIODS start/end pair like " 1/ 1" and "12/31" (non-leap); a whole year when unreadable. */
function periodDays(start: string | undefined, end: string | undefined): number {
  const parse = (s: string | undefined): number | undefined => {
    const m = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/.exec(s ?? '');
    if (m === null) return undefined;
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    return MONTH_DAYS.slice(0, month - 1).reduce((a, b) => a + b, 0) + Math.min(day, MONTH_DAYS[month - 1]);
  };
  const a = parse(start);
  const b = parse(end);
  if (a === undefined || b === undefined) return 365;
  return b >= a ? b - a + 1 : 365 - a + 1 + b;
}
