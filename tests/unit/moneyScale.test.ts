/**
 * Estimate tables: one unit per table (issue 15, "money rounded for reading, exact on
 * drill-down"). A table whose figures reach £1m writes every figure in millions, so a row never
 * mixes "−£534,907" with "£1.4m"; the exact figure stays on the element (title, data-exact).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Money } from '../../renderer/kit/format/Money';
import { formatMoney, scaleFor } from '../../renderer/kit/format/money';

const shown = (html: string) => /<span[^>]*>([^<]*)<\/span>/.exec(html)![1];

describe('one unit per table of money', () => {
  it('is whole pounds until any figure reaches £1m, then millions for every figure', () => {
    expect(scaleFor([-53_490_712, 12_300, null])).toBe('pounds');
    expect(scaleFor([-53_490_712, 140_000_000, undefined])).toBe('millions');
    expect(scaleFor([-100_000_000])).toBe('millions');
    expect(scaleFor([])).toBe('pounds');
  });

  it('writes millions to two places, with the minus sign, and nothing as "£0"', () => {
    expect(formatMoney(140_000_000, { millions: true })).toBe('£1.40m');
    expect(formatMoney(-53_490_712, { millions: true })).toBe('\u2212£0.53m');
    expect(formatMoney(-400_000, { millions: true })).toBe('£0');
    expect(formatMoney(0, { millions: true })).toBe('£0');
  });

  it('renders a row of a millions table in one unit, each figure exact on hover', () => {
    const figures = [-53_490_712, 140_000_000, 86_509_288];
    const scale = scaleFor(figures);
    const cells = figures.map((pence) => renderToStaticMarkup(createElement(Money, { pence, scale })));
    expect(cells.map(shown)).toEqual(['\u2212£0.53m', '£1.40m', '£0.87m']);
    expect(cells[0]).toContain('title="\u2212£534,907.12 exactly"');
    expect(cells[0]).toContain('data-exact="\u2212£534,907.12"');
    // The same figures in a table of pounds: whole pounds, never a mixture.
    expect(shown(renderToStaticMarkup(createElement(Money, { pence: -53_490_712, scale: 'pounds' })))).toBe('\u2212£534,907');
  });
});
