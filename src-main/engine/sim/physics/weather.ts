// Hourly weather as columns of Float64Arrays, and the located error every weather parser throws.
import { EngineError, ErrorCode } from '../../../../src-shared/contract';

/** Where a weather series came from. */
export interface WeatherLocation {
  readonly name: string;
  /** Degrees north. */
  readonly latitude: number;
  /** Degrees east. */
  readonly longitude: number;
  /** Hours from UTC. */
  readonly timeZone: number;
  /** Metres above sea level. */
  readonly elevation: number;
}

/** An hourly (or sub-hourly) weather series; every column has `length` values. */
export interface WeatherSeries {
  readonly location: WeatherLocation;
  /** Values per hour (1 for hourly files). */
  readonly stepsPerHour: number;
  readonly length: number;
  /** Dry-bulb air temperature, °C. */
  readonly dryBulbTemperature: Float64Array;
  /** Relative humidity, %. */
  readonly relativeHumidity: Float64Array;
  /** Global horizontal irradiance, W/m². */
  readonly globalHorizontalIrradiance: Float64Array;
  /** Direct normal irradiance, W/m². */
  readonly directNormalIrradiance: Float64Array;
  /** Diffuse horizontal irradiance, W/m². */
  readonly diffuseHorizontalIrradiance: Float64Array;
  /** Wind speed, m/s. */
  readonly windSpeed: Float64Array;
}

/** Where in a text a parse error happened; `line` and `column` are 1-based. */
export interface WeatherErrorDetails {
  readonly parameter: string;
  readonly value: unknown;
  readonly expected: string;
  readonly format: 'epw' | 'csv';
  readonly line: number;
  readonly column?: number;
  readonly field?: string;
}

/** A weather text that cannot be read: an InvalidArgument EngineError with a located message and details. */
export class WeatherParseError extends EngineError {
  declare readonly details: WeatherErrorDetails;

  constructor(message: string, details: WeatherErrorDetails) {
    const where = details.column === undefined ? `line ${details.line}` : `line ${details.line}, column ${details.column}`;
    super(ErrorCode.InvalidArgument, `${details.format.toUpperCase()} ${where}: ${message}`, details);
  }
}
