/**
 * Calendar days as the bureau lives them. Study days, certificate issue dates, report "today" and due dates are
 * days in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving), not UTC: an exam finished at 07:30 in
 * Beijing counts for that day, not the day before.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD of an instant in China Standard Time (default: now). */
export function localDay(at: Date = new Date()): string {
  return formatter.format(at);
}
