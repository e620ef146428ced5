import { unitsQt } from '../models/dtdl/units';

/** A unit as a linear map to its class's base unit: base = value × factor + offset. */
interface Scale {
  readonly factor: number;
  readonly offset?: number;
}

// Factors to the SI base unit of each class, from the definitions of the units (exact where the
// definition is exact). Units of a class not listed here convert only to themselves.
const scales: Readonly<Record<string, Scale>> = {
  degreeCelsius: { factor: 1, offset: 273.15 },
  degreeFahrenheit: { factor: 5 / 9, offset: 273.15 - (32 * 5) / 9 },
  kelvin: { factor: 1 },
  pascal: { factor: 1 },
  decapascal: { factor: 10 },
  hectopascal: { factor: 100 },
  kilopascal: { factor: 1_000 },
  bar: { factor: 100_000 },
  millibar: { factor: 100 },
  millimetresOfMercury: { factor: 133.322387415 },
  poundPerSquareInch: { factor: 6_894.757293168 },
  inchesOfMercury: { factor: 3_386.389 },
  inchesOfWater: { factor: 249.08891 },
  watt: { factor: 1 },
  microwatt: { factor: 1e-6 },
  milliwatt: { factor: 1e-3 },
  kilowatt: { factor: 1e3 },
  megawatt: { factor: 1e6 },
  gigawatt: { factor: 1e9 },
  horsepower: { factor: 745.699872 },
  joulePerSecond: { factor: 1 },
  kilojoulePerSecond: { factor: 1e3 },
  joulePerHour: { factor: 1 / 3_600 },
  kilojoulePerHour: { factor: 1e3 / 3_600 },
  megajoulePerHour: { factor: 1e6 / 3_600 },
  britishThermalUnitPerHour: { factor: 0.29307107 },
  kiloBritishThermalUnitPerHour: { factor: 293.07107 },
  tonOfRefrigeration: { factor: 3_516.8528 },
  joule: { factor: 1 },
  kilojoule: { factor: 1e3 },
  megajoule: { factor: 1e6 },
  gigajoule: { factor: 1e9 },
  wattHour: { factor: 3_600 },
  milliwattHour: { factor: 3.6 },
  kilowattHour: { factor: 3.6e6 },
  megawattHour: { factor: 3.6e9 },
  gigawattHour: { factor: 3.6e12 },
  britishThermalUnit: { factor: 1_055.05585 },
  kiloBritishThermalUnit: { factor: 1_055_055.85 },
  metre: { factor: 1 },
  centimetre: { factor: 0.01 },
  millimetre: { factor: 0.001 },
  kilometre: { factor: 1_000 },
  foot: { factor: 0.3048 },
  inch: { factor: 0.0254 },
  mile: { factor: 1_609.344 },
  kilogram: { factor: 1 },
  gram: { factor: 0.001 },
  milligram: { factor: 1e-6 },
  tonne: { factor: 1_000 },
  massPound: { factor: 0.45359237 },
  second: { factor: 1 },
  millisecond: { factor: 0.001 },
  minute: { factor: 60 },
  hour: { factor: 3_600 },
  day: { factor: 86_400 },
  metrePerSecond: { factor: 1 },
  kilometrePerHour: { factor: 1 / 3.6 },
  milePerHour: { factor: 0.44704 },
  knot: { factor: 1_852 / 3_600 },
  cubicMetre: { factor: 1 },
  litre: { factor: 0.001 },
  millilitre: { factor: 1e-6 },
  cubicFoot: { factor: 0.028316846592 },
  gallon: { factor: 0.003785411784 },
  litrePerSecond: { factor: 0.001 },
  litrePerMinute: { factor: 0.001 / 60 },
  litrePerHour: { factor: 0.001 / 3_600 },
  cubicMetrePerSecond: { factor: 1 },
  cubicMetrePerMinute: { factor: 1 / 60 },
  cubicMetrePerHour: { factor: 1 / 3_600 },
  cubicFootPerMinute: { factor: 0.028316846592 / 60 },
  gallonPerMinute: { factor: 0.003785411784 / 60 },
  unity: { factor: 1 },
  percent: { factor: 0.01 },
  partsPerMillion: { factor: 1e-6 },
  partsPerBillion: { factor: 1e-9 },
  hertz: { factor: 1 },
  kilohertz: { factor: 1e3 },
  ampere: { factor: 1 },
  milliampere: { factor: 1e-3 },
  volt: { factor: 1 },
  millivolt: { factor: 1e-3 },
  kilovolt: { factor: 1e3 },
};

/** True when `unit` is a DTDL unit name. */
export function isUnit(unit: string): boolean {
  return unitsQt.units.has(unit);
}

/**
 * The conversion from unit `from` to unit `to`, or a reason there is none (different quantities,
 * or a pair without a known factor).
 */
export function unitConversion(from: string, to: string): ((value: number) => number) | { readonly reason: string } {
  if (from === to) return (value) => value;
  const fromClass = unitsQt.units.get(from);
  const toClass = unitsQt.units.get(to);
  if (!fromClass) return { reason: `${from} is not a DTDL unit` };
  if (fromClass !== toClass) return { reason: `${from} (${fromClass}) cannot become ${to} (${toClass ?? 'not a unit'})` };
  const a = scales[from];
  const b = scales[to];
  if (!a || !b) return { reason: `there is no conversion from ${from} to ${to}` };
  const factor = a.factor / b.factor;
  const offset = ((a.offset ?? 0) - (b.offset ?? 0)) / b.factor;
  return (value) => value * factor + offset;
}
