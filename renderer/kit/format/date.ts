/** Dates as UK public bodies write them: the renderer's one date formatter. */

export type DateStyle = 'day' | 'month' | 'minute';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }, // 31 March 2027
  month: { month: 'short', year: 'numeric', timeZone: 'UTC' }, // Mar 2027
  minute: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }, // 31 Mar 2027, 09:30
};

/**
 * ISO text → en-GB. Calendar days and months are read as UTC so no time zone can move them to
 * the day before; moments ('minute') are shown in local time, when they happened here.
 * A missing date is "—"; text that is not a date is shown as it is.
 */
export function formatDate(iso: string | null | undefined, style: DateStyle = 'day'): string {
  if (!iso) return '—';
  const text = style === 'minute' ? iso : style === 'month' ? `${iso.slice(0, 7)}-01T00:00:00Z` : `${iso.slice(0, 10)}T00:00:00Z`;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', OPTIONS[style]);
}
