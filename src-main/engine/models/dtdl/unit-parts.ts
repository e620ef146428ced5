// The sub-elements the official object model adds for the built-in elements it meets: for a unit,
// the units it is built from (numerator and denominator, base unit, prefixed unit) and its
// prefixes, transitively; for a geospatial schema, its fields, enum and arrays. The tables were
// produced by running the official DTDLParser 1.1.3 on one model per unit or schema and listing
// the built-in elements of the result; they let element counts match the official ones.

import type { BuildSink } from './build-elements';
import { unitsQt } from './units';

// `unit:part part ^prefix;…` (v3 quantitativeTypes terms; DTDL v2 uses the same terms).
const table = [
  'metrePerSecondSquared:metre metrePerSecond second',
  'centimetrePerSecondSquared:^centi centimetre centimetrePerSecond metre metrePerSecond metrePerSecondSquared second',
  'radianPerSecondSquared:radian radianPerSecond second;radianPerSecond:radian second;degreePerSecond:degreeOfArc second',
  'revolutionPerSecond:second turn;revolutionPerMinute:minute turn;millifarad:^milli farad;microfarad:^micro farad',
  'nanofarad:^nano farad;picofarad:^pico farad;microampere:^micro ampere;milliampere:^milli ampere',
  'bitPerSecond:bit second;kibibitPerSecond:^kibi bit bitPerSecond kibibit second',
  'mebibitPerSecond:^mebi bit bitPerSecond mebibit second;gibibitPerSecond:^gibi bit bitPerSecond gibibit second',
  'tebibitPerSecond:^tebi bit bitPerSecond second tebibit;exbibitPerSecond:^exbi bit bitPerSecond exbibit second',
  'zebibitPerSecond:^zebi bit bitPerSecond second zebibit;yobibitPerSecond:^yobi bit bitPerSecond second yobibit',
  'bytePerSecond:byte second;kibibytePerSecond:^kibi byte bytePerSecond kibibyte second',
  'mebibytePerSecond:^mebi byte bytePerSecond mebibyte second;gibibytePerSecond:^gibi byte bytePerSecond gibibyte second',
  'tebibytePerSecond:^tebi byte bytePerSecond second tebibyte;exbibytePerSecond:^exbi byte bytePerSecond exbibyte second',
  'zebibytePerSecond:^zebi byte bytePerSecond second zebibyte;yobibytePerSecond:^yobi byte bytePerSecond second yobibyte',
  'kibibit:^kibi bit;mebibit:^mebi bit;gibibit:^gibi bit;tebibit:^tebi bit;exbibit:^exbi bit;zebibit:^zebi bit',
  'yobibit:^yobi bit;kibibyte:^kibi byte;mebibyte:^mebi byte;gibibyte:^gibi byte;tebibyte:^tebi byte;exbibyte:^exbi byte',
  'zebibyte:^zebi byte;yobibyte:^yobi byte;kilogramPerCubicMetre:^kilo cubicMetre gram gramPerCubicMetre kilogram',
  'gramPerCubicMetre:cubicMetre gram;kilojoule:^kilo joule;megajoule:^mega joule;gigajoule:^giga joule',
  'megaelectronvolt:^mega electronvolt;kilowattHour:^kilo wattHour;kilohertz:^kilo hertz;megahertz:^mega hertz',
  'gigahertz:^giga hertz;millihenry:^milli henry;microhenry:^micro henry;centimetre:^centi metre;millimetre:^milli metre',
  'micrometre:^micro metre;nanometre:^nano metre;kilometre:^kilo metre;candelaPerSquareMetre:candela squareMetre',
  'kilogram:^kilo gram;milligram:^milli gram;microgram:^micro gram;gramPerSecond:gram second',
  'kilogramPerSecond:^kilo gram gramPerSecond kilogram second;gramPerHour:gram hour',
  'kilogramPerHour:^kilo gram gramPerHour hour kilogram;microwatt:^micro watt;milliwatt:^milli watt;kilowatt:^kilo watt',
  'megawatt:^mega watt;gigawatt:^giga watt;kilowattHourPerYear:^kilo kilowattHour wattHour year;kilopascal:^kilo pascal',
  'millibar:^milli bar;poundPerSquareInch:pound squareInch;milliohm:^milli ohm;kiloohm:^kilo ohm;megaohm:^mega ohm',
  'decibel:^deci bel;millisecond:^milli second;microsecond:^micro second;nanosecond:^nano second',
  'metrePerSecond:metre second;centimetrePerSecond:^centi centimetre metre metrePerSecond second',
  'kilometrePerSecond:^kilo kilometre metre metrePerSecond second;metrePerHour:hour metre',
  'kilometrePerHour:^kilo hour kilometre metre metrePerHour;milePerHour:hour mile;milePerSecond:mile second',
  'millivolt:^milli volt;microvolt:^micro volt;kilovolt:^kilo volt;megavolt:^mega volt;millilitre:^milli litre',
  'litrePerSecond:litre second;millilitrePerSecond:^milli litre litrePerSecond millilitre second;litrePerHour:hour litre',
  'millilitrePerHour:^milli hour litre litrePerHour millilitre;kilovoltAmpereHour:^kilo voltAmpereHour',
  'megavoltAmpereHour:^mega voltAmpereHour;gigavoltAmpereHour:^giga voltAmpereHour;millivoltAmpere:^milli voltAmpere',
  'kilovoltAmpere:^kilo voltAmpere;megavoltAmpere:^mega voltAmpere;gigavoltAmpere:^giga voltAmpere',
  'kiloampere:^kilo ampere;milliampereHour:^milli ampereHour',
  'milligramPerCubicMetre:^milli cubicMetre gram gramPerCubicMetre milligram',
  'microgramPerCubicMetre:^micro cubicMetre gram gramPerCubicMetre microgram;milliwattHour:^milli wattHour',
  'megawattHour:^mega wattHour;gigawattHour:^giga wattHour;terawattHour:^tera wattHour',
  'kiloBritishThermalUnit:^kilo britishThermalUnit;millihertz:^milli hertz;milligray:^milli gray;microgray:^micro gray',
  'millisievert:^milli sievert;microsievert:^micro sievert;wattPerSquareMetre:squareMetre watt',
  'massPoundPerHour:hour massPound;britishThermalUnitPerHour:britishThermalUnit hour',
  'kiloBritishThermalUnitPerHour:^kilo britishThermalUnit britishThermalUnitPerHour hour kiloBritishThermalUnit',
  'joulePerSecond:joule second;kilojoulePerSecond:^kilo joule joulePerSecond kilojoule second;joulePerHour:hour joule',
  'kilojoulePerHour:^kilo hour joule joulePerHour kilojoule;megajoulePerHour:^mega hour joule joulePerHour megajoule',
  'gigajoulePerHour:^giga gigajoule hour joule joulePerHour;hectopascal:^hecto pascal;decapascal:^deca pascal',
  'kilobecquerel:^kilo becquerel;megabecquerel:^mega becquerel;gigabecquerel:^giga becquerel',
  'kilovoltAmpereReactiveHour:^kilo voltAmpereReactiveHour;megavoltAmpereReactiveHour:^mega voltAmpereReactiveHour',
  'gigavoltAmpereReactiveHour:^giga voltAmpereReactiveHour;millivoltAmpereReactive:^milli voltAmpereReactive',
  'kilovoltAmpereReactive:^kilo voltAmpereReactive;megavoltAmpereReactive:^mega voltAmpereReactive',
  'gigavoltAmpereReactive:^giga voltAmpereReactive;litrePerMinute:litre minute',
  'millilitrePerMinute:^milli litre litrePerMinute millilitre minute;gallonPerHour:gallon hour',
  'gallonPerMinute:gallon minute;cubicFootPerMinute:cubicFoot minute;cubicMetrePerHour:cubicMetre hour',
  'cubicMetrePerMinute:cubicMetre minute;cubicMetrePerSecond:cubicMetre second',
].join(';');

const partsOf = new Map<string, readonly string[]>();
for (const entry of table.split(';')) {
  const [unit, parts] = entry.split(':') as [string, string];
  partsOf.set(unit, parts.split(' '));
}
// DTDL v2 defines kilowattHour directly, not as kilo + wattHour.
const v2Overrides = new Map<string, readonly string[]>([
  ['kilowattHour', []],
  ['kilowattHourPerYear', ['kilowattHour', 'year']],
]);

function idOf(token: string, version: 2 | 3): string {
  const prefix = token.startsWith('^');
  const term = prefix ? token.slice(1) : token;
  const kind = prefix ? 'unitprefix' : 'unit';
  return version === 2 ? `dtmi:standard:${kind}:${term};2` : `dtmi:dtdl:extension:quantitativeTypes:v1:${kind}:${term}`;
}

/** Ids of the sub-elements of a unit (not the unit itself). */
export function unitPartIds(unit: string, version: 2 | 3): string[] {
  const parts = (version === 2 ? v2Overrides.get(unit) : undefined) ?? partsOf.get(unit) ?? [];
  return parts.map((p) => idOf(p, version));
}

/** Ids of the elements a v3 unit-enum schema brings (its units and their parts, and string). */
export function unitEnumPartIds(unitClass: string): string[] {
  // The official quantitativeTypes enums take their value schema from the v2 core context.
  const out = ['dtmi:dtdl:instance:Schema:string;2'];
  for (const [unit, cls] of unitsQt.units) {
    if (cls !== unitClass) continue;
    out.push(idOf(unit, 3), ...unitPartIds(unit, 3));
  }
  return out;
}

// Geospatial schemas: `schema:parts` under dtmi:standard:schema:geospatial (`=` marks an id
// directly under dtmi:standard:schema:), each with the version of the model appended.
const geospatial: Readonly<Record<string, string>> = {
  point: 'enumValue:point point:coordinates point:type position =geospatialPointType',
  lineString: 'enumValue:lineString lineString:coordinates lineString:type lineStringCoordinateArray position =geospatialLineStringType',
  polygon: 'enumValue:polygon linearRingCoordinateArray polygon:coordinates polygon:type polygonCoordinateArray position =geospatialPolygonType',
  multiPoint: 'enumValue:multiPoint multiPoint:coordinates multiPoint:type position positionArray =geospatialMultiPointType',
  multiLineString:
    'enumValue:multiLineString lineStringCoordinateArray lineStringCoordinateArrayArray multiLineString:coordinates multiLineString:type position =geospatialMultiLineStringType',
  multiPolygon:
    'enumValue:multiPolygon linearRingCoordinateArray multiPolygon:coordinates multiPolygon:type polygonCoordinateArray polygonCoordinateArrayArray position =geospatialMultiPolygonType',
};

// IoT Central schemas: Objects with double fields.
const central: Readonly<Record<string, string>> = { vector: 'x y z', geopoint: 'lon lat alt' };

/** Ids of the sub-elements of a geospatial or IoT Central schema (fields, enum, arrays, primitives). */
export function geospatialPartIds(name: string, version: 2 | 3): string[] {
  const fields = central[name];
  if (fields !== undefined) return [...fields.split(' ').map((f) => `dtmi:iotcentral:schema:${name}:${f};2`), 'dtmi:dtdl:instance:Schema:double;2'];
  const parts = geospatial[name];
  if (parts === undefined) return [];
  const ids = parts.split(' ').map((t) => (t.startsWith('=') ? `dtmi:standard:schema:${t.slice(1)};${version}` : `dtmi:standard:schema:geospatial:${t};${version}`));
  return [...ids, 'dtmi:dtdl:instance:Schema:double;2', 'dtmi:dtdl:instance:Schema:string;2'];
}

const v3Primitive = /^(dtmi:dtdl:instance:Schema:(?:boolean|date|dateTime|double|duration|float|integer|long|string|time));3$/;

/** Built-in elements in the official object model: those referenced, plus their sub-elements. */
export function builtinElementCount(builtins: BuildSink['builtins']): number {
  // The official object model shares the DTDL v2 primitive schema elements with v3 models.
  const ids = new Set<string>();
  for (const id of builtins.keys()) ids.add(id.replace(v3Primitive, '$1;2'));
  for (const b of builtins.values()) {
    if (b.kind === 'Unit') for (const id of unitPartIds(b.name, b.version)) ids.add(id);
    else if (b.kind === 'UnitEnum') for (const id of unitEnumPartIds(b.name)) ids.add(id);
    else if (b.kind === 'Primitive') for (const id of geospatialPartIds(b.name, b.version)) ids.add(id);
  }
  return ids.size;
}
