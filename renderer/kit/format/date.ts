/**
 * Dates as UK public bodies write them, in one style on every page: "27 Nov 2026", "Nov 2026",
 * "27 Nov 2026, 09:30". The renderer's one date formatter. Month names come from a fixed table,
 * not the browser's locale data, which writes September as "Sept" in some versions and "Sep" in
 * others.
 */

export type DateStyle = 'day' | 'month' | 'minute';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * ISO text → en-GB. Calendar days and months are read as UTC so no time zone can move them to
 * the day before; moments ('minute') are shown in local time, when they happened here.
 * A missing date is "—"; text that is not a date is shown as it is.
 */
export function formatDate(iso: string | null | undefined, style: DateStyle = 'day'): string {
  if (!iso) return '—';
  const text = style === 'minute' ? iso : style === 'month' ? `${iso.slice(0, 7)}-01T00:00:00Z` : `${iso.slice(0, 10)}T00:00:00Z`;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return iso;
  if (style === 'month') return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (style === 'day') return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}
