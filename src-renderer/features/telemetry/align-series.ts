/** One series: times in seconds since the epoch, ascending, and their values. */
export interface Series {
  readonly times: readonly number[];
  readonly values: readonly number[];
}

/** Series on one shared time axis, as uPlot draws them: the times, then each series' values (null where it has none). */
export type AlignedData = [number[], ...(number | null)[][]];

/** Puts several series on the union of their times; a series without a value at a time gets null there. */
export function alignSeries(series: readonly Series[]): AlignedData {
  const times = [...new Set(series.flatMap((one) => one.times))].sort((a, b) => a - b);
  const index = new Map(times.map((time, position) => [time, position]));
  const columns = series.map((one) => {
    const column = new Array<number | null>(times.length).fill(null);
    one.times.forEach((time, position) => (column[index.get(time)!] = one.values[position]!));
    return column;
  });
  return [times, ...columns];
}

/** Adds points to a series, keeping it in time order and its newest `limit` points. */
export function appendPoints(series: Series, times: readonly number[], values: readonly number[], limit: number): Series {
  const inOrder = times.every((time, position) => time >= (position === 0 ? (series.times.at(-1) ?? -Infinity) : times[position - 1]!));
  if (inOrder) return { times: [...series.times, ...times].slice(-limit), values: [...series.values, ...values].slice(-limit) };
  const pairs = [...series.times.map((time, position) => [time, series.values[position]!] as const), ...times.map((time, position) => [time, values[position]!] as const)];
  pairs.sort((a, b) => a[0] - b[0]);
  const kept = pairs.slice(-limit);
  return { times: kept.map(([time]) => time), values: kept.map(([, value]) => value) };
}
