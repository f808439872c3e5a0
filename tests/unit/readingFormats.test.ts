/**
 * The renderer's one way to write dates, amounts and counts (issue 15): one en-GB date style, the
 * typographic minus on every negative amount, and counts whose nouns agree with them.
 */
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../renderer/kit/format/date';
import { formatMoney, parsePounds, READING } from '../../renderer/kit/format/money';
import { countOf } from '../../renderer/kit/format/number';

describe('dates', () => {
  it('are written one way: "27 Nov 2026", "Sep 2026", "27 Nov 2026, 09:30"', () => {
    expect(formatDate('2026-11-27')).toBe('27 Nov 2026');
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate('2026-09', 'month')).toBe('Sep 2026');
    const local = new Date(2026, 10, 27, 9, 30).toISOString();
    expect(formatDate(local, 'minute')).toBe('27 Nov 2026, 09:30');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('money', () => {
  it('writes negatives with the minus sign (U+2212), never a hyphen', () => {
    expect(formatMoney(-123_456)).toBe('\u2212£1,234.56');
    expect(formatMoney(-123_456, READING)).toBe('\u2212£1,235');
    expect(formatMoney(-45_000_000, { compact: true })).toBe('\u2212£450k');
  });

  it('rounds for reading without leaving a sign on nothing', () => {
    expect(formatMoney(12_345_678, READING)).toBe('£123,457');
    expect(formatMoney(-40, READING)).toBe('£0');
  });

  it('reads back a pasted figure that carries the minus sign', () => {
    expect(parsePounds('\u2212£12.50', { negative: true })).toBe(-1250);
  });
});

describe('counts', () => {
  it('agree with their nouns', () => {
    expect(countOf(1, 'attachment')).toBe('1 attachment');
    expect(countOf(2, 'conflict')).toBe('2 conflicts');
    expect(countOf(0, 'theme')).toBe('0 themes');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(1204, 'row')).toBe('1,204 rows');
  });
});
