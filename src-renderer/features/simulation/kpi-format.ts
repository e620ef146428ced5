// Words and numbers of the comparison table.

const labels: Readonly<Record<string, string>> = {
  'energy.heating': 'Heating energy',
  'energy.cooling': 'Cooling energy',
  'energy.fans': 'Fan energy',
  'energy.lighting': 'Lighting energy',
  'energy.equipment': 'Equipment energy',
  'energy.total': 'Total energy',
  hoursOutsideComfort: 'Occupied hours outside the comfort band',
  occupiedHours: 'Occupied hours',
  peakTemperature: 'Peak operative temperature',
  co2PpmHoursOver1000: 'CO₂ above 1,000 ppm',
  'ppdHours.below10': 'PPD below 10 %',
  'ppdHours.from10to15': 'PPD 10–15 %',
  'ppdHours.from15to25': 'PPD 15–25 %',
  'ppdHours.atLeast25': 'PPD 25 % and more',
  'ppdHours.invalid': 'PPD outside ISO 7730 limits',
};

/** A KPI's name for people. */
export function kpiLabel(kpi: string): string {
  return labels[kpi] ?? kpi;
}

/** A figure with up to two decimals; NaN or a missing value (NaN crosses JSON as null) as a dash. */
export function figure(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

/** b − a with its sign, and the change relative to a when a is not zero. */
export function signedDelta(delta: number | null, a: number | null): { readonly text: string; readonly percent: string; readonly sign: -1 | 0 | 1 } {
  if (delta === null || Number.isNaN(delta)) return { text: '—', percent: '', sign: 0 };
  const sign = delta > 0 ? 1 : delta < 0 ? -1 : 0;
  const text = `${sign > 0 ? '+' : sign < 0 ? '−' : '±'}${figure(Math.abs(delta))}`;
  const percent = a !== null && a !== 0 && !Number.isNaN(a) ? `${sign > 0 ? '+' : sign < 0 ? '−' : '±'}${figure(Math.abs((delta / a) * 100), 1)} %` : '';
  return { text, percent, sign };
}
