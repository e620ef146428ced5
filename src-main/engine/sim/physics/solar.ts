// Solar gains through windows from weather: sun position, irradiance on a tilted surface (isotropic
// sky), and the transmitted gain of ISO 13790 11.3. Angles in the API are degrees; azimuths are
// measured from south, positive towards west (Duffie & Beckman convention: east −90, north 180).
import { solarDeclination } from './weather-synthetic';
import { finite, inRange, nonNegative } from './validate';

const RAD = Math.PI / 180;

/** Where the sun is. */
export interface SunPosition {
  /** Altitude above the horizon, degrees (negative at night). */
  readonly altitude: number;
  /** Azimuth from south, positive towards west, degrees. */
  readonly azimuth: number;
}

/** Equation of time, minutes, on day n (Spencer 1971, as given by Duffie & Beckman eq. 1.5.3). */
export function equationOfTime(dayOfYear: number): number {
  const b = (2 * Math.PI * (dayOfYear - 1)) / 365;
  return 229.2 * (0.000075 + 0.001868 * Math.cos(b) - 0.032077 * Math.sin(b) - 0.014615 * Math.cos(2 * b) - 0.04089 * Math.sin(2 * b));
}

/** Sun position at a latitude (°) on day n at solar time (h, 12 = solar noon) (Duffie & Beckman 1.6). */
export function sunPositionAtSolarTime(latitude: number, dayOfYear: number, solarHour: number): SunPosition {
  const phi = inRange('sunPosition', 'latitude', latitude, -90, 90) * RAD;
  const delta = solarDeclination(finite('sunPosition', 'dayOfYear', dayOfYear));
  const omega = (finite('sunPosition', 'solarHour', solarHour) - 12) * 15 * RAD;
  const cosZenith = Math.cos(phi) * Math.cos(delta) * Math.cos(omega) + Math.sin(phi) * Math.sin(delta);
  const zenith = Math.acos(Math.max(-1, Math.min(1, cosZenith)));
  // Eq. 1.6.6: azimuth with the sign of the hour angle.
  const sinZenith = Math.sin(zenith);
  let azimuth = 0;
  const cosPhi = Math.cos(phi);
  if (sinZenith > 1e-12 && cosPhi > 1e-12) {
    const cosAz = (cosZenith * Math.sin(phi) - Math.sin(delta)) / (sinZenith * cosPhi);
    // At solar noon (ω = 0) the acos alone gives 0 (sun due south) or 180° (due north, in the tropics).
    azimuth = (omega < 0 ? -1 : 1) * Math.acos(Math.max(-1, Math.min(1, cosAz)));
  }
  return { altitude: 90 - zenith / RAD, azimuth: azimuth / RAD };
}

/** Sun position at local standard (clock) time: hour of the day (0–24), longitude (° east) and time zone (h from UTC). */
export function sunPosition(latitude: number, longitude: number, timeZone: number, dayOfYear: number, hour: number): SunPosition {
  const correction = 4 * (finite('sunPosition', 'longitude', longitude) - 15 * finite('sunPosition', 'timeZone', timeZone)) + equationOfTime(dayOfYear);
  return sunPositionAtSolarTime(latitude, dayOfYear, hour + correction / 60);
}

/** A plane surface: tilt from horizontal (0 roof, 90 wall) and azimuth from south (°). */
export interface SurfaceOrientation {
  readonly tilt: number;
  readonly azimuth: number;
}

/** Cosine of the beam incidence angle on a surface (Duffie & Beckman eq. 1.6.3), 0 when the sun is behind it or down. */
export function cosIncidence(sun: SunPosition, surface: SurfaceOrientation): number {
  if (sun.altitude <= 0) return 0;
  const zenith = (90 - sun.altitude) * RAD;
  const beta = surface.tilt * RAD;
  const c = Math.cos(zenith) * Math.cos(beta) + Math.sin(zenith) * Math.sin(beta) * Math.cos((sun.azimuth - surface.azimuth) * RAD);
  return c > 0 ? c : 0;
}

/** Irradiance on a tilted surface, W/m², isotropic sky (Liu & Jordan): beam + sky diffuse + ground-reflected. */
export function irradianceOnSurface(
  weather: { readonly directNormal: number; readonly diffuseHorizontal: number; readonly globalHorizontal: number },
  sun: SunPosition,
  surface: SurfaceOrientation,
  albedo = 0.2,
): number {
  const dni = nonNegative('irradianceOnSurface', 'directNormal', weather.directNormal);
  const dhi = nonNegative('irradianceOnSurface', 'diffuseHorizontal', weather.diffuseHorizontal);
  const ghi = nonNegative('irradianceOnSurface', 'globalHorizontal', weather.globalHorizontal);
  const tilt = inRange('irradianceOnSurface', 'tilt', surface.tilt, 0, 180) * RAD;
  const rho = inRange('irradianceOnSurface', 'albedo', albedo, 0, 1);
  return dni * cosIncidence(sun, surface) + (dhi * (1 + Math.cos(tilt))) / 2 + (ghi * rho * (1 - Math.cos(tilt))) / 2;
}

/** A window for solar gains (ISO 13790 11.3.3). */
export interface WindowSolarParams {
  /** Overall window area incl. frame A_w,p, m². */
  readonly area: number;
  /** Total solar energy transmittance of the glazing g_gl (incl. F_w for non-normal incidence); default 0.6·0.9 (11.4.2). */
  readonly gValue?: number;
  /** Frame area fraction F_F; default 0.3 (11.4.5). */
  readonly frameFraction?: number;
  /** Shading reduction factor F_sh (movable shading × external obstruction); default 1. */
  readonly shadingFactor?: number;
}

/** Solar heat gain through a window, W: Φ_sol = F_sh·g_gl·(1 − F_F)·A_w,p·I_sol (ISO 13790 eqs. 43–44, sky radiation neglected). */
export function windowSolarGains(irradiance: number, window: WindowSolarParams): number {
  const i = nonNegative('windowSolarGains', 'irradiance', irradiance);
  const area = nonNegative('windowSolarGains', 'area', window.area);
  const g = inRange('windowSolarGains', 'gValue', window.gValue ?? 0.54, 0, 1);
  const ff = inRange('windowSolarGains', 'frameFraction', window.frameFraction ?? 0.3, 0, 1);
  const fsh = inRange('windowSolarGains', 'shadingFactor', window.shadingFactor ?? 1, 0, 1);
  return fsh * g * (1 - ff) * area * i;
}
