// Clothing insulation from the outdoor air temperature at 6 a.m. (Schiavon & Lee 2013, the
// dynamic clothing model of ASHRAE 55-2013 section 5.2.2.2 / Appendix, for office occupants).

/** Clothing insulation, clo, for the outdoor temperature at 6 a.m. (°C). */
export function clothingForOutdoorTemperature(temperatureAt6: number): number {
  if (temperatureAt6 < -5) return 1;
  if (temperatureAt6 < 5) return 0.818 - 0.0364 * temperatureAt6;
  if (temperatureAt6 < 26) return 10 ** (-0.1635 - 0.0066 * temperatureAt6);
  return 0.46;
}
