// The building-physics library of the simulation engine: pure functions and small classes, SI
// units, no I/O (parsers take text). Exported from the engine entry as the namespace `physics`.
export { Zone5R1C, DIVERGENCE_LIMIT, type Zone5R1CInput, type Zone5R1CResult } from './zone-5r1c';
export { Zone5R1CBatch, zone5R1CCoefficients, type Zone5R1CCoefficients, type Zone5R1CControls } from './zone-5r1c-batch';
export {
  AIR_HEAT_CAPACITY,
  H_IS,
  H_MS,
  resolveZone5R1CParams,
  ventilationConductance,
  zone5R1CNetwork,
  type ResolvedZone5R1CParams,
  type Zone5R1CNetwork,
  type Zone5R1CParams,
} from './zone-5r1c-params';
export {
  clothingAreaFactor,
  forcedConvection,
  pmvConditionsValid,
  pmvOf,
  pmvOfPerson,
  pmvPersonValid,
  pmvPpd,
  pmvSensitivity,
  ppdOf,
  saturationVapourPressure,
  CLO,
  MET,
  PMV_LIMITS,
  type PmvInput,
  type PmvResult,
} from './comfort';
export {
  ACTIVITY_MET,
  Co2Zone,
  co2After,
  co2GenerationPerPerson,
  metabolicHeatPerPerson,
  metabolicRateOf,
  type Activity,
  type Co2StepInput,
  type Co2ZoneParams,
} from './co2';
export { checkSchedule, isScheduledOn, WEEKDAYS, type HvacSchedule, type WeeklySchedule } from './hvac-schedule';
export {
  AirHandlingUnit,
  vavFanPowerFraction,
  type AhuDegradation,
  type AhuFailure,
  type AhuParams,
  type AhuStepInput,
  type AhuStepResult,
} from './ahu';
export { VavBox, zoneOutdoorAirFlow, type VavFailure, type VavParams, type VavStepInput, type VavStepResult } from './vav';
export { WeatherParseError, type WeatherErrorDetails, type WeatherLocation, type WeatherSeries } from './weather';
export { parseEpw } from './weather-epw';
export { parseWeatherCsv, type WeatherCsvOptions } from './weather-csv';
export {
  erbsDiffuseFraction,
  seededRandom,
  sinSolarAltitude,
  solarDeclination,
  syntheticWeather,
  type SyntheticWeatherOptions,
} from './weather-synthetic';
export type { PhysicsErrorDetails } from './validate';
export {
  cosIncidence,
  equationOfTime,
  irradianceOnSurface,
  sunPosition,
  sunPositionAtSolarTime,
  windowSolarGains,
  type SunPosition,
  type SurfaceOrientation,
  type WindowSolarParams,
} from './solar';
