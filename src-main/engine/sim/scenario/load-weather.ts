// A scenario's weather as a series: synthetic from its seed, or read from an EPW or CSV file.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { EngineError, ErrorCode, isEngineError, type Scenario } from '../../../../src-shared/contract';
import { parseEpw, parseWeatherCsv, syntheticWeather, type WeatherSeries } from '../physics';

/** Loads the weather of a checked scenario; relative file paths are read from `assetsDir`. */
export async function loadWeather(scenario: Scenario, assetsDir: string, site?: { readonly latitude: number }): Promise<WeatherSeries> {
  const weather = scenario.weather;
  const stepsPerHour = 60 / (scenario.stepMinutes ?? 60);
  if (weather.kind === 'synthetic') {
    return syntheticWeather({
      seed: weather.seed ?? scenario.seed ?? 1,
      stepsPerHour,
      latitude: weather.latitude ?? site?.latitude ?? 47,
      ...(weather.meanTemperature !== undefined ? { meanTemperature: weather.meanTemperature } : {}),
      ...(weather.annualAmplitude !== undefined ? { annualAmplitude: weather.annualAmplitude } : {}),
      ...(weather.dailyAmplitude !== undefined ? { dailyAmplitude: weather.dailyAmplitude } : {}),
    });
  }
  const path = isAbsolute(weather.path) ? weather.path : join(assetsDir, weather.path);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new EngineError(ErrorCode.NotFound, `weather.path: there is no weather file ${path}.`, { path: 'weather.path', file: path });
  });
  try {
    return weather.kind === 'epw' ? parseEpw(text) : parseWeatherCsv(text, { stepsPerHour: weather.stepsPerHour ?? 1 });
  } catch (error) {
    if (!isEngineError(error)) throw error;
    throw new EngineError(error.code, `weather.path: ${path}: ${error.message}`, { ...(error.details as object), path: 'weather.path', file: path });
  }
}
