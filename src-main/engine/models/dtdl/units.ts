// Semantic types and units: DTDL v2 has them built in (dtmi:standard:*;2); DTDL v3 gets them from
// the quantitativeTypes;1 extension. The tables are written out here from the DTDL specification's
// semantic-type and unit lists, grouped by unit class, so the parser needs no data files.

/** Unit class → unit terms, shared by v2 and QT v1 (QT adds the `qt` list below). */
const unitClasses: Record<string, string> = {
  AccelerationUnit: 'metrePerSecondSquared centimetrePerSecondSquared gForce',
  AngleUnit: 'radian degreeOfArc minuteOfArc secondOfArc turn',
  AngularAccelerationUnit: 'radianPerSecondSquared',
  AngularVelocityUnit: 'radianPerSecond degreePerSecond revolutionPerSecond revolutionPerMinute',
  AreaUnit: 'squareMetre squareCentimetre squareMillimetre squareKilometre hectare squareFoot squareInch acre',
  CapacitanceUnit: 'farad millifarad microfarad nanofarad picofarad',
  ChargeUnit: 'coulomb',
  CurrentUnit: 'ampere microampere milliampere',
  DataRateUnit:
    'bitPerSecond kibibitPerSecond mebibitPerSecond gibibitPerSecond tebibitPerSecond exbibitPerSecond zebibitPerSecond yobibitPerSecond bytePerSecond kibibytePerSecond mebibytePerSecond gibibytePerSecond tebibytePerSecond exbibytePerSecond zebibytePerSecond yobibytePerSecond',
  DataSizeUnit: 'bit kibibit mebibit gibibit tebibit exbibit zebibit yobibit byte kibibyte mebibyte gibibyte tebibyte exbibyte zebibyte yobibyte',
  DensityUnit: 'kilogramPerCubicMetre gramPerCubicMetre',
  EnergyUnit: 'joule kilojoule megajoule gigajoule electronvolt megaelectronvolt kilowattHour',
  ForceUnit: 'newton pound ounce ton',
  FrequencyUnit: 'hertz kilohertz megahertz gigahertz',
  IlluminanceUnit: 'lux footcandle',
  InductanceUnit: 'henry millihenry microhenry',
  LengthUnit: 'metre centimetre millimetre micrometre nanometre kilometre foot inch mile nauticalMile astronomicalUnit',
  LuminanceUnit: 'candelaPerSquareMetre',
  LuminousFluxUnit: 'lumen',
  LuminousIntensityUnit: 'candela',
  MagneticFluxUnit: 'weber maxwell',
  MagneticInductionUnit: 'tesla',
  MassUnit: 'kilogram gram milligram microgram tonne slug',
  MassFlowRateUnit: 'gramPerSecond kilogramPerSecond gramPerHour kilogramPerHour',
  PowerUnit: 'watt microwatt milliwatt kilowatt megawatt gigawatt horsepower kilowattHourPerYear',
  PressureUnit: 'pascal kilopascal bar millibar millimetresOfMercury poundPerSquareInch inchesOfMercury inchesOfWater',
  ResistanceUnit: 'ohm milliohm kiloohm megaohm',
  SoundPressureUnit: 'decibel bel',
  TemperatureUnit: 'degreeCelsius degreeFahrenheit kelvin',
  TimeUnit: 'second millisecond microsecond nanosecond minute hour day year',
  TorqueUnit: 'newtonMetre',
  Unitless: 'unity percent',
  VelocityUnit: 'metrePerSecond centimetrePerSecond kilometrePerSecond metrePerHour kilometrePerHour milePerHour milePerSecond knot',
  VoltageUnit: 'volt millivolt microvolt kilovolt megavolt',
  VolumeUnit: 'cubicMetre cubicCentimetre litre millilitre cubicFoot cubicInch fluidOunce gallon',
  VolumeFlowRateUnit: 'litrePerSecond millilitrePerSecond litrePerHour millilitrePerHour',
};

/** Units the quantitativeTypes;1 extension adds, by unit class (new classes included). */
const qtExtra: Record<string, string> = {
  ApparentEnergyUnit: 'voltAmpereHour kilovoltAmpereHour megavoltAmpereHour gigavoltAmpereHour',
  ApparentPowerUnit: 'voltAmpere millivoltAmpere kilovoltAmpere megavoltAmpere gigavoltAmpere',
  CurrentUnit: 'kiloampere',
  ChargeUnit: 'ampereHour milliampereHour',
  DensityUnit: 'milligramPerCubicMetre microgramPerCubicMetre',
  EnergyUnit: 'wattHour milliwattHour megawattHour gigawattHour terawattHour britishThermalUnit kiloBritishThermalUnit',
  FrequencyUnit: 'millihertz',
  IonizingRadiationDoseUnit: 'gray milligray microgray sievert millisievert microsievert',
  IrradianceUnit: 'wattPerSquareMetre',
  MagneticInductionUnit: 'gauss',
  MassUnit: 'massPound',
  MassFlowRateUnit: 'massPoundPerHour',
  PowerUnit:
    'britishThermalUnitPerHour kiloBritishThermalUnitPerHour joulePerSecond kilojoulePerSecond joulePerHour kilojoulePerHour megajoulePerHour gigajoulePerHour tonOfRefrigeration',
  PressureUnit: 'hectopascal decapascal',
  RadioactivityUnit: 'becquerel kilobecquerel megabecquerel gigabecquerel',
  ReactiveEnergyUnit: 'voltAmpereReactiveHour kilovoltAmpereReactiveHour megavoltAmpereReactiveHour gigavoltAmpereReactiveHour',
  ReactivePowerUnit: 'voltAmpereReactive millivoltAmpereReactive kilovoltAmpereReactive megavoltAmpereReactive gigavoltAmpereReactive',
  Unitless: 'partsPerMillion partsPerBillion partsPerTrillion partsPerQuadrillion',
  VolumeFlowRateUnit:
    'litrePerMinute millilitrePerMinute gallonPerHour gallonPerMinute cubicFootPerMinute cubicMetrePerHour cubicMetrePerMinute cubicMetrePerSecond',
};

/** Semantic type → the unit class its `unit` must come from. */
const semanticTypes: Record<string, string> = {
  Acceleration: 'AccelerationUnit',
  Angle: 'AngleUnit',
  AngularAcceleration: 'AngularAccelerationUnit',
  AngularVelocity: 'AngularVelocityUnit',
  Area: 'AreaUnit',
  Capacitance: 'CapacitanceUnit',
  Current: 'CurrentUnit',
  DataRate: 'DataRateUnit',
  DataSize: 'DataSizeUnit',
  Density: 'DensityUnit',
  Distance: 'LengthUnit',
  ElectricCharge: 'ChargeUnit',
  Energy: 'EnergyUnit',
  Force: 'ForceUnit',
  Frequency: 'FrequencyUnit',
  Humidity: 'DensityUnit',
  Illuminance: 'IlluminanceUnit',
  Inductance: 'InductanceUnit',
  Latitude: 'AngleUnit',
  Longitude: 'AngleUnit',
  Length: 'LengthUnit',
  Luminance: 'LuminanceUnit',
  Luminosity: 'PowerUnit',
  LuminousFlux: 'LuminousFluxUnit',
  LuminousIntensity: 'LuminousIntensityUnit',
  MagneticFlux: 'MagneticFluxUnit',
  MagneticInduction: 'MagneticInductionUnit',
  Mass: 'MassUnit',
  MassFlowRate: 'MassFlowRateUnit',
  Power: 'PowerUnit',
  Pressure: 'PressureUnit',
  RelativeHumidity: 'Unitless',
  Resistance: 'ResistanceUnit',
  SoundPressure: 'SoundPressureUnit',
  Temperature: 'TemperatureUnit',
  Thrust: 'ForceUnit',
  TimeSpan: 'TimeUnit',
  Torque: 'TorqueUnit',
  Velocity: 'VelocityUnit',
  Voltage: 'VoltageUnit',
  Volume: 'VolumeUnit',
  VolumeFlowRate: 'VolumeFlowRateUnit',
};

const qtSemanticExtra: Record<string, string> = {
  ApparentEnergy: 'ApparentEnergyUnit',
  ApparentPower: 'ApparentPowerUnit',
  Concentration: 'Unitless',
  EnergyRate: 'PowerUnit',
  IonizingRadiationDose: 'IonizingRadiationDoseUnit',
  Irradiance: 'IrradianceUnit',
  Radioactivity: 'RadioactivityUnit',
  ReactiveEnergy: 'ReactiveEnergyUnit',
  ReactivePower: 'ReactivePowerUnit',
  RelativeDensity: 'Unitless',
};

/** Unit prefixes and other unit-system terms that are defined but are not units. */
const otherTerms =
  'atto centi deci deka deca exa exbi femto gibi giga hecto kibi kilo mebi mega micro milli nano pebi peta pico tebi tera yobi yocto yotta zebi zepto zetta ' +
  'BinaryPrefix DecimalPrefix BinaryUnit DecimalUnit QuantitativeType RatioUnit SymbolicUnit UnitPrefix Unit UnitAttribute SemanticUnit baseUnit bottomUnit topUnit prefix exponent symbol';

/** The semantic-type and unit vocabulary of one DTDL dialect. */
export interface UnitSystem {
  /** Semantic type term → unit class term. */
  readonly semanticTypes: ReadonlyMap<string, string>;
  /** Unit term → unit class term. */
  readonly units: ReadonlyMap<string, string>;
  /** Unit class terms (in v3 these are also Enum schemas). */
  readonly unitClasses: ReadonlySet<string>;
  /** Other defined terms of the unit system (prefixes, abstract classes). */
  readonly otherTerms: ReadonlySet<string>;
}

function build(extra: boolean): UnitSystem {
  const units = new Map<string, string>();
  const classes = new Set<string>();
  const add = (table: Record<string, string>): void => {
    for (const [cls, list] of Object.entries(table)) {
      classes.add(cls);
      for (const u of list.split(' ')) if (!units.has(u)) units.set(u, cls);
    }
  };
  add(unitClasses);
  if (extra) add(qtExtra);
  const types = new Map(Object.entries(semanticTypes));
  if (extra) for (const [k, v] of Object.entries(qtSemanticExtra)) types.set(k, v);
  return { semanticTypes: types, units, unitClasses: classes, otherTerms: new Set(otherTerms.split(' ')) };
}

/** DTDL v2 built-in semantic types and units. */
export const unitsV2: UnitSystem = build(false);
/** quantitativeTypes;1 (DTDL v3 extension) semantic types and units. */
export const unitsQt: UnitSystem = build(true);

/** The IRI of a v2 standard term (`dtmi:standard:<kind>:<term>;2`). */
export function standardIri(kind: 'class' | 'unit', term: string): string {
  return `dtmi:standard:${kind}:${term};2`;
}

/** The IRI of a quantitativeTypes;1 term. */
export function qtIri(kind: 'class' | 'unit' | 'enum', term: string): string {
  return `dtmi:dtdl:extension:quantitativeTypes:v1:${kind}:${term}`;
}

/** quantitativeTypes unit-enum terms that name another unit enum (found with DTDLParser 1.1.3). */
export const unitEnumAliases: ReadonlyMap<string, string> = new Map([['EnergyRateUnit', 'PowerUnit']]);
