// Weather: deterministic synthetic series, EPW and CSV text parsing with located errors.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../src-shared/contract';
import { WeatherParseError, parseEpw, parseWeatherCsv, syntheticWeather, type WeatherErrorDetails } from '../../../../src-main/engine/sim/physics';

/** A well-formed EPW text: the 8 header lines of the format and `rows` data rows of 35 fields. */
function epwText(rows = 8760, row: (i: number) => string[] = defaultRow): string {
  const header = [
    'LOCATION,Zurich-Kloten,ZH,CHE,IWEC Data,066700,47.48,8.53,1.0,432.0',
    'DESIGN CONDITIONS,0',
    'TYPICAL/EXTREME PERIODS,0',
    'GROUND TEMPERATURES,0',
    'HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0',
    'COMMENTS 1,synthetic test file',
    'COMMENTS 2,',
    'DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31',
  ];
  const lines = [...header];
  for (let i = 0; i < rows; i++) lines.push(row(i).join(','));
  return lines.join('\r\n') + '\r\n';
}

function defaultRow(i: number): string[] {
  const day = Math.floor(i / 24);
  const month = 1 + Math.min(11, Math.floor(day / 31));
  const f = Array.from({ length: 35 }, () => '0');
  f[0] = '1999';
  f[1] = String(month);
  f[2] = String((day % 28) + 1);
  f[3] = String((i % 24) + 1);
  f[4] = '60';
  f[5] = 'A7A7A7A7*0?9?9?9?9?9?9?9A7A7A7A7A7A7*0E8*0*0';
  f[6] = (i % 24 - 5).toFixed(1); // dry bulb
  f[7] = '-3.0';
  f[8] = '80';
  f[9] = '96000';
  f[13] = String(i % 24 >= 8 && i % 24 <= 16 ? 300 : 0);
  f[14] = '100';
  f[15] = '50';
  f[21] = '3.5';
  return f;
}

function parseError(run: () => unknown): WeatherParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof WeatherParseError) return error;
    throw error;
  }
  throw new Error('expected a WeatherParseError');
}

describe('syntheticWeather', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = syntheticWeather({ seed: 42 });
    const b = syntheticWeather({ seed: 42 });
    const c = syntheticWeather({ seed: 43 });
    expect(a.length).toBe(8760);
    expect(Array.from(a.dryBulbTemperature)).toEqual(Array.from(b.dryBulbTemperature));
    expect(Array.from(a.globalHorizontalIrradiance)).toEqual(Array.from(b.globalHorizontalIrradiance));
    expect(Array.from(a.dryBulbTemperature)).not.toEqual(Array.from(c.dryBulbTemperature));
  });

  it('has the seasonal and daily cycles it was asked for', () => {
    const w = syntheticWeather({ seed: 3, meanTemperature: 10, annualAmplitude: 9, dailyAmplitude: 4 });
    const mean = (from: number, to: number): number => w.dryBulbTemperature.slice(from, to).reduce((s, v) => s + v, 0) / (to - from);
    expect(Math.abs(mean(0, 8760) - 10)).toBeLessThan(1);
    expect(mean(181 * 24, 212 * 24) - mean(0, 31 * 24)).toBeGreaterThan(14); // July vs January ≈ 2·9 K
    let at15 = 0;
    let at3 = 0;
    for (let d = 0; d < 365; d++) {
      at15 += w.dryBulbTemperature[d * 24 + 14];
      at3 += w.dryBulbTemperature[d * 24 + 3];
    }
    expect((at15 - at3) / 365).toBeGreaterThan(6); // ≈ 2·4·cos(…) between 14:30 and 03:30
    expect(w.globalHorizontalIrradiance[2]).toBe(0); // night
    expect(w.globalHorizontalIrradiance[180 * 24 + 12]).toBeGreaterThan(200); // a June noon
  });

  it('supports sub-hourly steps and rejects a bad option by name', () => {
    expect(syntheticWeather({ hours: 24, stepsPerHour: 4 }).length).toBe(96);
    expect(() => syntheticWeather({ latitude: 95 })).toThrow(/latitude/);
  });
});

describe('parseEpw', () => {
  it('reads the location and the hourly columns of a full year', () => {
    const w = parseEpw(epwText());
    expect(w.location).toEqual({ name: 'Zurich-Kloten, ZH, CHE', latitude: 47.48, longitude: 8.53, timeZone: 1, elevation: 432 });
    expect(w.length).toBe(8760);
    expect(w.stepsPerHour).toBe(1);
    expect(w.dryBulbTemperature[0]).toBe(-5);
    expect(w.dryBulbTemperature[23]).toBe(18);
    expect(w.relativeHumidity[5]).toBe(80);
    expect(w.globalHorizontalIrradiance[10]).toBe(300);
    expect(w.directNormalIrradiance[10]).toBe(100);
    expect(w.diffuseHorizontalIrradiance[10]).toBe(50);
    expect(w.windSpeed[100]).toBe(3.5);
  });

  it('reports a truncated file as a typed error located after the last line', () => {
    const e = parseError(() => parseEpw(epwText(5000)));
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    expect(e.details).toMatchObject({ format: 'epw', parameter: 'rows', value: 5000, line: 5009 } satisfies Partial<WeatherErrorDetails>);
    expect(e.message).toMatch(/line 5009.*5000 data rows; expected 8760/);
  });

  it('reports a row with the wrong number of columns by line', () => {
    const e = parseError(() => parseEpw(epwText(8760, (i) => (i === 49 ? defaultRow(i).slice(0, 30) : defaultRow(i)))));
    expect(e.details).toMatchObject({ format: 'epw', line: 58, parameter: 'fields', value: 30 });
  });

  it('reports a non-numeric or missing value by line, column and field', () => {
    const bad = parseError(() =>
      parseEpw(
        epwText(8760, (i) => {
          const f = defaultRow(i);
          if (i === 99) f[6] = 'warm';
          return f;
        }),
      ),
    );
    expect(bad.details).toMatchObject({ line: 108, column: 7, field: 'Dry Bulb Temperature', parameter: 'dryBulbTemperature' });
    const missing = parseError(() =>
      parseEpw(
        epwText(8760, (i) => {
          const f = defaultRow(i);
          if (i === 0) f[13] = '9999';
          return f;
        }),
      ),
    );
    expect(missing.details).toMatchObject({ line: 9, column: 14, parameter: 'globalHorizontalIrradiance' });
  });

  it('rejects a file without the EPW header', () => {
    expect(parseError(() => parseEpw('time,temp\n1,2\n')).details).toMatchObject({ line: 3, parameter: 'header' });
    expect(parseError(() => parseEpw(epwText().replace('LOCATION', 'PLACE'))).details).toMatchObject({ line: 1, parameter: 'LOCATION' });
  });
});

describe('parseWeatherCsv', () => {
  it('reads named columns in any order, with units in brackets, and defaults the rest', () => {
    const w = parseWeatherCsv('time;GHI (W/m2);Dry bulb (°C)\n0;0;-2.5\n1;120;-1.0\n');
    expect(w.length).toBe(2);
    expect(Array.from(w.dryBulbTemperature)).toEqual([-2.5, -1]);
    expect(Array.from(w.globalHorizontalIrradiance)).toEqual([0, 120]);
    expect(Array.from(w.relativeHumidity)).toEqual([50, 50]);
  });

  it('reports a missing temperature column at line 1 and a bad cell by line and column', () => {
    expect(parseError(() => parseWeatherCsv('ghi,wind\n1,2\n')).details).toMatchObject({ format: 'csv', line: 1, parameter: 'dryBulbTemperature' });
    expect(parseError(() => parseWeatherCsv('temperature,rh\n1,50\n2,x\n')).details).toMatchObject({ line: 3, column: 2, parameter: 'relativeHumidity' });
    expect(parseError(() => parseWeatherCsv('temperature,rh\n1,50\n2\n')).details).toMatchObject({ line: 3, parameter: 'fields' });
  });
});
