// Weather from a CSV text: a header row naming the columns, then one row per step. Only the
// dry-bulb temperature is required; the other columns default to 0 (irradiance, wind) or 50 % RH.
import { WeatherParseError, type WeatherLocation, type WeatherSeries } from './weather';

/** Accepted header names (case-insensitive, spaces/underscores ignored) for each column. */
const ALIASES = {
  dryBulbTemperature: ['drybulbtemperature', 'drybulb', 'temperature', 'tair', 'tdb', 'temp'],
  relativeHumidity: ['relativehumidity', 'rh', 'humidity'],
  globalHorizontalIrradiance: ['globalhorizontalirradiance', 'ghi', 'globalhorizontal'],
  directNormalIrradiance: ['directnormalirradiance', 'dni', 'directnormal'],
  diffuseHorizontalIrradiance: ['diffusehorizontalirradiance', 'dhi', 'diffusehorizontal'],
  windSpeed: ['windspeed', 'wind', 'ws'],
} as const;

type Key = keyof typeof ALIASES;
const DEFAULTS: Record<Key, number> = { dryBulbTemperature: NaN, relativeHumidity: 50, globalHorizontalIrradiance: 0, directNormalIrradiance: 0, diffuseHorizontalIrradiance: 0, windSpeed: 0 };
// Units in brackets are ignored: "Dry bulb (°C)" and "dry_bulb" both name the dry-bulb column.
const normalise = (s: string): string => s.toLowerCase().replace(/\(.*?\)|\[.*?\]/g, '').replace(/[^a-z0-9]/g, '');

/** Options of parseWeatherCsv. */
export interface WeatherCsvOptions {
  /** Rows per hour; default 1. */
  readonly stepsPerHour?: number;
  /** Where the data come from; default an unnamed place at 0°N 0°E. */
  readonly location?: WeatherLocation;
}

/** Parses a CSV weather text (comma or semicolon separated, header row first) into columns. */
export function parseWeatherCsv(text: string, options: WeatherCsvOptions = {}): WeatherSeries {
  const fail = (message: string, line: number, parameter: string, value: unknown, expected: string, column?: number, field?: string): never => {
    throw new WeatherParseError(message, { format: 'csv', line, column, field, parameter, value, expected });
  };
  if (typeof text !== 'string') fail('the input is not text', 0, 'text', typeof text, 'a string');
  const stepsPerHour = options.stepsPerHour ?? 1;
  if (!Number.isInteger(stepsPerHour) || stepsPerHour < 1 || 60 % stepsPerHour !== 0) fail('stepsPerHour must divide 60', 0, 'stepsPerHour', stepsPerHour, 'an integer dividing 60');
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length < 2) fail('no data rows after the header', lines.length + 1, 'rows', Math.max(0, lines.length - 1), 'a header row and at least one data row');
  const separator = lines[0].includes(';') && !lines[0].includes(',') ? ';' : ',';
  const header = lines[0].split(separator).map(normalise);
  const index = {} as Record<Key, number>;
  for (const key of Object.keys(ALIASES) as Key[]) {
    index[key] = header.findIndex((h) => (ALIASES[key] as readonly string[]).includes(h));
  }
  if (index.dryBulbTemperature < 0) {
    fail(`no dry-bulb temperature column (one of ${ALIASES.dryBulbTemperature.join(', ')}) in the header`, 1, 'dryBulbTemperature', lines[0], 'a header naming a dry-bulb temperature column');
  }
  const rows = lines.length - 1;
  const columns = {} as Record<Key, Float64Array>;
  for (const key of Object.keys(ALIASES) as Key[]) columns[key] = new Float64Array(rows).fill(DEFAULTS[key]);
  for (let r = 0; r < rows; r++) {
    const lineNo = r + 2;
    const fields = lines[r + 1].split(separator);
    if (fields.length !== header.length) fail(`${fields.length} fields; the header has ${header.length}`, lineNo, 'fields', fields.length, `${header.length} fields`, Math.min(fields.length, header.length) + 1);
    for (const key of Object.keys(ALIASES) as Key[]) {
      const col = index[key];
      if (col < 0) continue;
      const raw = fields[col].trim().replace(/^"|"$/g, '');
      const value = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(value)) fail(`${key} "${raw}" is not a number`, lineNo, key, raw, 'a number', col + 1, key);
      columns[key][r] = value;
    }
  }
  const location = options.location ?? { name: '', latitude: 0, longitude: 0, timeZone: 0, elevation: 0 };
  return { location, stepsPerHour, length: rows, ...columns };
}
