/** A unit as a linear map to its dimension's base unit: base = value × scale + offset. */
interface UnitDefinition {
  readonly dimension: string;
  readonly scale: number;
  readonly offset?: number;
}

// DTDL quantitativeTypes unit names; the base of each dimension has scale 1.
const units: Readonly<Record<string, UnitDefinition>> = {
  degreeCelsius: { dimension: 'temperature', scale: 1 },
  degreeFahrenheit: { dimension: 'temperature', scale: 5 / 9, offset: -32 * (5 / 9) },
  kelvin: { dimension: 'temperature', scale: 1, offset: -273.15 },
  metre: { dimension: 'length', scale: 1 },
  centimetre: { dimension: 'length', scale: 0.01 },
  millimetre: { dimension: 'length', scale: 0.001 },
  kilometre: { dimension: 'length', scale: 1000 },
  foot: { dimension: 'length', scale: 0.3048 },
  inch: { dimension: 'length', scale: 0.0254 },
  mile: { dimension: 'length', scale: 1609.344 },
  squareMetre: { dimension: 'area', scale: 1 },
  squareCentimetre: { dimension: 'area', scale: 1e-4 },
  squareFoot: { dimension: 'area', scale: 0.09290304 },
  cubicMetre: { dimension: 'volume', scale: 1 },
  litre: { dimension: 'volume', scale: 0.001 },
  cubicFoot: { dimension: 'volume', scale: 0.028316846592 },
  gallon: { dimension: 'volume', scale: 0.003785411784 },
  pascal: { dimension: 'pressure', scale: 1 },
  kilopascal: { dimension: 'pressure', scale: 1000 },
  hectopascal: { dimension: 'pressure', scale: 100 },
  bar: { dimension: 'pressure', scale: 100_000 },
  millibar: { dimension: 'pressure', scale: 100 },
  poundPerSquareInch: { dimension: 'pressure', scale: 6894.757293168 },
  watt: { dimension: 'power', scale: 1 },
  kilowatt: { dimension: 'power', scale: 1000 },
  megawatt: { dimension: 'power', scale: 1e6 },
  horsepower: { dimension: 'power', scale: 745.6998715822702 },
  joule: { dimension: 'energy', scale: 1 },
  kilojoule: { dimension: 'energy', scale: 1000 },
  wattHour: { dimension: 'energy', scale: 3600 },
  kilowattHour: { dimension: 'energy', scale: 3.6e6 },
  megawattHour: { dimension: 'energy', scale: 3.6e9 },
  second: { dimension: 'time', scale: 1 },
  millisecond: { dimension: 'time', scale: 0.001 },
  minute: { dimension: 'time', scale: 60 },
  hour: { dimension: 'time', scale: 3600 },
  day: { dimension: 'time', scale: 86_400 },
  metrePerSecond: { dimension: 'speed', scale: 1 },
  kilometrePerHour: { dimension: 'speed', scale: 1 / 3.6 },
  milePerHour: { dimension: 'speed', scale: 0.44704 },
  cubicMetrePerSecond: { dimension: 'flow', scale: 1 },
  cubicMetrePerHour: { dimension: 'flow', scale: 1 / 3600 },
  litrePerSecond: { dimension: 'flow', scale: 0.001 },
  cubicFootPerMinute: { dimension: 'flow', scale: 0.028316846592 / 60 },
  percent: { dimension: 'ratio', scale: 0.01 },
  unity: { dimension: 'ratio', scale: 1 },
  partsPerMillion: { dimension: 'ratio', scale: 1e-6 },
  kilogram: { dimension: 'mass', scale: 1 },
  gram: { dimension: 'mass', scale: 0.001 },
  pound: { dimension: 'mass', scale: 0.45359237 },
  tonne: { dimension: 'mass', scale: 1000 },
  volt: { dimension: 'voltage', scale: 1 },
  ampere: { dimension: 'current', scale: 1 },
  lux: { dimension: 'illuminance', scale: 1 },
  decibel: { dimension: 'sound', scale: 1 },
};

/** True when the engine knows how to convert `unit`. */
export function isKnownUnit(unit: string): boolean {
  return Object.hasOwn(units, unit);
}

/** The units the engine converts between, by dimension (for messages and docs). */
export function unitsOf(dimension: string): string[] {
  return Object.entries(units)
    .filter(([, definition]) => definition.dimension === dimension)
    .map(([name]) => name);
}

/** The dimension of a known unit. */
export function dimensionOf(unit: string): string | undefined {
  return Object.hasOwn(units, unit) ? units[unit]!.dimension : undefined;
}

/** A function converting values from one unit to another, or undefined when they measure different things. */
export function converter(from: string, to: string): ((value: number) => number) | undefined {
  const source = Object.hasOwn(units, from) ? units[from] : undefined;
  const target = Object.hasOwn(units, to) ? units[to] : undefined;
  if (!source || !target || source.dimension !== target.dimension) return undefined;
  if (from === to) return (value) => value;
  const scale = source.scale / target.scale;
  const offset = ((source.offset ?? 0) - (target.offset ?? 0)) / target.scale;
  return (value) => value * scale + offset;
}
