/** The time as `YYYYMMDD-HHMMSS` (UTC), for file names that sort by time. */
export function fileStamp(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
