// Synthetic weather: seeded, deterministic daily and seasonal cycles with a day-to-day
// anomaly, and clear-sky-scaled irradiance from solar geometry. Same options → same series.
import { finite, inRange, invalidArgument, nonNegative } from './validate';
import type { WeatherSeries } from './weather';
import { Random } from '../../util/random';

/** Options of syntheticWeather (all optional). */
export interface SyntheticWeatherOptions {
  /** PRNG seed (any 32-bit integer); default 1. */
  readonly seed?: number;
  /** Number of hours; default 8760. */
  readonly hours?: number;
  /** Values per hour; default 1. */
  readonly stepsPerHour?: number;
  /** Latitude, degrees north; default 47. */
  readonly latitude?: number;
  /** Annual mean dry-bulb temperature, °C; default 10. */
  readonly meanTemperature?: number;
  /** Half the difference between the warmest and coldest day, K; default 9. */
  readonly annualAmplitude?: number;
  /** Half the mean daily range, K; default 4. */
  readonly dailyAmplitude?: number;
  /** Standard deviation of the day-to-day anomaly, K; default 2. */
  readonly anomalyStdDev?: number;
  /** Day of the year (1–365) of the coldest day; default 15 (northern hemisphere). */
  readonly coldestDay?: number;
  /** Hour of the day of the daily maximum; default 15. */
  readonly peakHour?: number;
}

/** A 32-bit seeded PRNG (mulberry32) giving uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/** Solar declination, radians, on day n (Cooper 1969: 23.45°·sin(2π(284 + n)/365)). */
export function solarDeclination(dayOfYear: number): number {
  return ((23.45 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
}

/** Sine of the solar altitude at a latitude (°) on day n at solar hour h (0–24). */
export function sinSolarAltitude(latitude: number, dayOfYear: number, solarHour: number): number {
  const phi = (latitude * Math.PI) / 180;
  const delta = solarDeclination(dayOfYear);
  const omega = ((solarHour - 12) * 15 * Math.PI) / 180;
  return Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.cos(omega);
}

/** Diffuse fraction of global horizontal irradiance from the clearness index (Erbs et al. 1982). */
export function erbsDiffuseFraction(kt: number): number {
  if (kt <= 0.22) return 1 - 0.09 * kt;
  if (kt <= 0.8) return 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4;
  return 0.165;
}

/** A deterministic synthetic weather series: seasonal and daily cosine cycles plus a smooth daily anomaly. */
export function syntheticWeather(options: SyntheticWeatherOptions = {}): WeatherSeries {
  const C = 'syntheticWeather';
  const seed = finite(C, 'seed', options.seed ?? 1);
  const hours = finite(C, 'hours', options.hours ?? 8760);
  if (!Number.isInteger(hours) || hours < 1) throw invalidArgument(C, 'hours', hours, 'a whole number ≥ 1');
  const stepsPerHour = finite(C, 'stepsPerHour', options.stepsPerHour ?? 1);
  if (!Number.isInteger(stepsPerHour) || stepsPerHour < 1 || 60 % stepsPerHour !== 0) throw invalidArgument(C, 'stepsPerHour', stepsPerHour, 'an integer dividing 60');
  const latitude = inRange(C, 'latitude', options.latitude ?? 47, -90, 90);
  const mean = finite(C, 'meanTemperature', options.meanTemperature ?? 10);
  const annual = nonNegative(C, 'annualAmplitude', options.annualAmplitude ?? 9);
  const daily = nonNegative(C, 'dailyAmplitude', options.dailyAmplitude ?? 4);
  const sigma = nonNegative(C, 'anomalyStdDev', options.anomalyStdDev ?? 2);
  const coldest = inRange(C, 'coldestDay', options.coldestDay ?? 15, 1, 366);
  const peak = inRange(C, 'peakHour', options.peakHour ?? 15, 0, 24);

  // One random draw set per day (plus one to interpolate the last day): AR(1) temperature
  // anomaly with lag-1 correlation 0.7, clearness index and wind.
  const days = Math.ceil(hours / 24) + 1;
  const random = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const anomaly = new Float64Array(days);
  const clearness = new Float64Array(days);
  const wind = new Float64Array(days);
  let previous = 0;
  for (let d = 0; d < days; d++) {
    previous = 0.7 * previous + Math.sqrt(1 - 0.49) * sigma * gauss();
    anomaly[d] = previous;
    clearness[d] = 0.25 + 0.5 * random();
    wind[d] = 1 + 5 * random();
  }

  const n = hours * stepsPerHour;
  const t = new Float64Array(n);
  const rh = new Float64Array(n);
  const ghi = new Float64Array(n);
  const dni = new Float64Array(n);
  const dhi = new Float64Array(n);
  const ws = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hour = (i + 0.5) / stepsPerHour; // mid-step
    const d = Math.floor(hour / 24);
    const hourOfDay = hour - 24 * d;
    const dayOfYear = (d % 365) + 1;
    // Smooth anomaly: linear between day centres.
    const f = hourOfDay / 24;
    const dayAnomaly = (1 - f) * anomaly[d] + f * anomaly[d + 1];
    const seasonal = -annual * Math.cos((2 * Math.PI * (dayOfYear - coldest)) / 365);
    const diurnal = daily * Math.cos((2 * Math.PI * (hourOfDay - peak)) / 24);
    t[i] = mean + seasonal + diurnal + dayAnomaly;
    rh[i] = Math.min(100, Math.max(15, 70 - 15 * Math.cos((2 * Math.PI * (hourOfDay - peak)) / 24) - 2 * dayAnomaly));
    ws[i] = wind[d];
    const sinAlt = sinSolarAltitude(latitude, dayOfYear, hourOfDay);
    if (sinAlt > 0) {
      // Extraterrestrial irradiance on a horizontal plane × the day's clearness index.
      const extra = 1367 * (1 + 0.033 * Math.cos((2 * Math.PI * dayOfYear) / 365)) * sinAlt;
      const kt = clearness[d];
      const g = extra * kt;
      const diffuse = g * erbsDiffuseFraction(kt);
      ghi[i] = g;
      dhi[i] = diffuse;
      dni[i] = sinAlt > 0.05 ? (g - diffuse) / sinAlt : 0;
    }
  }
  return {
    location: { name: `synthetic (seed ${seed})`, latitude, longitude: 0, timeZone: 0, elevation: 0 },
    stepsPerHour,
    length: n,
    dryBulbTemperature: t,
    relativeHumidity: rh,
    globalHorizontalIrradiance: ghi,
    directNormalIrradiance: dni,
    diffuseHorizontalIrradiance: dhi,
    windSpeed: ws,
  };
}
