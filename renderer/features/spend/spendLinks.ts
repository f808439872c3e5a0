/** Links into the spend pages, and the year they open on. */

/** The drill-down lines for a selection (null parts are left out). */
export const linesLink = (q: { org?: string | null; theme?: string | null; year?: string | null; file?: string | null }): string =>
  `/spend/lines?${new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString()}`;

/**
 * The latest UK financial year that has ended (31 March is past) among `years`, else the latest of
 * them: a year still under way is only part of one.
 */
export function latestCompleteYear(years: string[], now: Date): string | null {
  const today = now.toISOString().slice(0, 10);
  const sorted = [...years].sort();
  return [...sorted].reverse().find((y) => `${Number(y.slice(0, 4)) + 1}-03-31` < today) ?? sorted.at(-1) ?? null;
}
