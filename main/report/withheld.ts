/**
 * The report's wording for what the sensitivity rules left out. A statement that depends on
 * withheld items says so ("2 further items are held back as team-only") — never "none" when
 * something exists that the reader is not being shown.
 */
import type { HeldCounts } from './types';

export const LEVEL_WORDS = { team: 'team-only', personal: 'personal data' } as const;

export const heldTotal = (c: HeldCounts): number => c.team + c.personal;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * "2 further items are held back as team-only and 1 as personal data"; '' when nothing is held.
 * `further` when some of the same kind are shown; `noun` for what the items are.
 */
export function heldBack(c: HeldCounts, { further = false, noun = ['item', 'items'] as readonly [string, string] } = {}): string {
  const parts = (['team', 'personal'] as const).filter((l) => c[l] > 0);
  if (parts.length === 0) return '';
  const [first, ...rest] = parts;
  const n = c[first!];
  const head = `${n.toLocaleString('en-GB')} ${further ? 'further ' : ''}${n === 1 ? noun[0] : noun[1]} ${n === 1 ? 'is' : 'are'} held back as ${LEVEL_WORDS[first!]}`;
  return rest.length ? `${head} and ${c[rest[0]!].toLocaleString('en-GB')} as ${LEVEL_WORDS[rest[0]!]}` : head;
}

/** Counts the held-back items of a list by level. */
export function countHeld<T extends { sensitivity: string }>(items: readonly T[]): HeldCounts {
  const c: HeldCounts = { team: 0, personal: 0 };
  for (const i of items) if (i.sensitivity === 'team' || i.sensitivity === 'personal') c[i.sensitivity] += 1;
  return c;
}
