// Solar geometry and window gains: textbook angles, consistency with horizontal irradiance.
import { describe, expect, it } from 'vitest';
import { cosIncidence, equationOfTime, irradianceOnSurface, sunPosition, sunPositionAtSolarTime, windowSolarGains } from '../../../../src-main/engine/sim/physics';

// Day 81: Cooper's declination is zero (the equinox of the formula).
const EQUINOX = 81;

describe('sun position', () => {
  it('stands at 90° − latitude due south at solar noon on the equinox', () => {
    const sun = sunPositionAtSolarTime(47, EQUINOX, 12);
    expect(sun.altitude).toBeCloseTo(43, 9);
    expect(sun.azimuth).toBeCloseTo(0, 9);
  });

  it('rises in the east and sets in the west at 06:00 and 18:00 solar time on the equinox', () => {
    const morning = sunPositionAtSolarTime(47, EQUINOX, 6);
    const evening = sunPositionAtSolarTime(47, EQUINOX, 18);
    expect(morning.altitude).toBeCloseTo(0, 9);
    expect(morning.azimuth).toBeCloseTo(-90, 6);
    expect(evening.azimuth).toBeCloseTo(90, 6);
  });

  it('stands due north at noon in the tropics in June', () => {
    const sun = sunPositionAtSolarTime(5, 172, 12);
    expect(sun.azimuth).toBeCloseTo(180, 6);
    expect(sun.altitude).toBeCloseTo(90 - (23.45 - 5), 1);
  });

  it('applies longitude, time zone and the equation of time to clock time', () => {
    expect(equationOfTime(45)).toBeCloseTo(-14.2, 0); // mid-February minimum ≈ −14 min
    const clock = sunPosition(47, 7.5, 1, EQUINOX, 12);
    const solar = sunPositionAtSolarTime(47, EQUINOX, 12 + (4 * (7.5 - 15) + equationOfTime(EQUINOX)) / 60);
    expect(clock).toEqual(solar);
  });
});

describe('irradiance on surfaces and window gains', () => {
  const sun = sunPositionAtSolarTime(47, EQUINOX, 12);
  const sinAlt = Math.sin((43 * Math.PI) / 180);
  const weather = { directNormal: 600, diffuseHorizontal: 120, globalHorizontal: 600 * sinAlt + 120 };

  it('gives back the global horizontal irradiance on a horizontal surface', () => {
    expect(irradianceOnSurface(weather, sun, { tilt: 0, azimuth: 0 })).toBeCloseTo(weather.globalHorizontal, 9);
  });

  it('gives a south wall the beam at cos θ = sin(latitude) at equinox noon, half the sky and half the ground', () => {
    expect(cosIncidence(sun, { tilt: 90, azimuth: 0 })).toBeCloseTo(Math.sin((47 * Math.PI) / 180), 9);
    const expected = 600 * Math.sin((47 * Math.PI) / 180) + 60 + 0.2 * weather.globalHorizontal * 0.5;
    expect(irradianceOnSurface(weather, sun, { tilt: 90, azimuth: 0 })).toBeCloseTo(expected, 9);
  });

  it('gives a north wall no beam at noon, and nothing at night', () => {
    expect(cosIncidence(sun, { tilt: 90, azimuth: 180 })).toBe(0);
    expect(cosIncidence(sunPositionAtSolarTime(47, EQUINOX, 0), { tilt: 0, azimuth: 0 })).toBe(0);
  });

  it('transmits F_sh·g·(1 − F_F)·A·I through a window (ISO 13790 eqs. 43–44)', () => {
    expect(windowSolarGains(500, { area: 10 })).toBeCloseTo(0.54 * 0.7 * 10 * 500, 9);
    expect(windowSolarGains(500, { area: 10, gValue: 0.5, frameFraction: 0.2, shadingFactor: 0.5 })).toBeCloseTo(0.5 * 0.5 * 0.8 * 10 * 500, 9);
    expect(() => windowSolarGains(500, { area: -1 })).toThrow(/area/);
  });
});
