import { describe, expect, it } from 'vitest';
import { benefitSeries, expectedByMonth, formatPounds, formatPoundsShort, parsePoundsToPence } from '../../shared/calc/benefits';
import { escapeHtml, html, paragraphs } from '../../main/report/html';
import { toCsv } from '../../main/report/extracts';
import { countByMonth } from '../../main/learning/service';
import { isOverdue } from '../../main/momentum/queries';

describe('money typed by people', () => {
  it.each([
    ['12,000', 1_200_000],
    ['£12,000.50', 1_200_050],
    ['350.5', 35_050],
    [' 0 ', 0],
    ['-£20', -2_000],
    ['£-20.01', -2_001],
  ])('%s is %d pence', (text, pence) => expect(parsePoundsToPence(text)).toBe(pence));

  it.each(['', 'twelve', '12.345', '£', '1.2.3', '--5', '-£-5'])('"%s" is not an amount', (text) => expect(parsePoundsToPence(text)).toBeNull());

  it('formats pence as pounds', () => {
    expect(formatPounds(123_456_789)).toBe('£1,234,568');
    expect(formatPounds(-5, { pence: true })).toBe('-£0.05');
    expect(formatPoundsShort(1_250_000_00)).toBe('£1.3m');
    expect(formatPoundsShort(35_000_00)).toBe('£35k');
  });
});

describe('expected benefits', () => {
  it('are one twelfth of the full year per month from the starting month, that month included', () => {
    expect(expectedByMonth(1_200_000, '2026-01-31', '2025-12')).toBe(0);
    expect(expectedByMonth(1_200_000, '2026-01-31', '2026-01')).toBe(100_000);
    expect(expectedByMonth(1_200_000, '2026-01-31', '2027-03')).toBe(1_500_000);
    // £1,000 a year: 3 months is £250.00; 1 month is 8,333.33… pence, rounded to 8,333.
    expect(expectedByMonth(100_000, '2026-01-01', '2026-03')).toBe(25_000);
    expect(expectedByMonth(100_000, '2026-01-01', '2026-01')).toBe(8_333);
    expect(expectedByMonth(100_000, null, '2026-01')).toBe(0);
  });

  it('run across a year boundary in the series', () => {
    expect(benefitSeries([{ fullYearPence: 120_000, startsOn: '2025-11-10', realisations: [{ realisedOn: '2026-01-05', realisedPence: 7_000 }] }], '2026-01')).toEqual([
      { month: '2025-11', estimatedPence: 10_000, realisedPence: 0 },
      { month: '2025-12', estimatedPence: 20_000, realisedPence: 0 },
      { month: '2026-01', estimatedPence: 30_000, realisedPence: 7_000 },
    ]);
    expect(benefitSeries([], '2026-01')).toEqual([]);
  });
});

describe('the report escaper', () => {
  it('escapes interpolated text and keeps markup built by the tag', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>');
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(escapeHtml('"\'')).toBe('&quot;&#39;');
    expect(paragraphs('one\ntwo\n\n<three>').value).toBe('<p>one<br>two</p><p>&lt;three&gt;</p>');
  });
});

describe('CSV extracts', () => {
  it('quote what needs quoting, show money in pounds and defuse formulas', () => {
    const csv = toCsv({
      name: 't',
      columns: [{ header: 'Name', kind: 'text' }, { header: 'Amount', kind: 'money' }, { header: 'N', kind: 'number' }],
      rows: [['Smith, "Jo"', 123_456, 3], ['=HYPERLINK("x")', -5, null]],
    });
    expect(csv).toBe('\ufeffName,Amount (£),N\r\n"Smith, ""Jo""",1234.56,3\r\n"\'=HYPERLINK(""x"")",-0.05,\r\n');
  });
});

describe('learning over time and overdue actions', () => {
  it('fills empty months between the first and last entry', () => {
    const e = (occurredOn: string, kind: 'failed' | 'lesson') => ({ occurredOn, kind }) as Parameters<typeof countByMonth>[0][number];
    expect(countByMonth([e('2025-11-30', 'failed'), e('2026-02-01', 'lesson')]).map((m) => [m.month, m.total])).toEqual([
      ['2025-11', 1],
      ['2025-12', 0],
      ['2026-01', 0],
      ['2026-02', 1],
    ]);
  });

  it('counts an action as overdue only when live and due before today', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-04-09' }, '2026-04-10')).toBe(true);
    expect(isOverdue({ status: 'in-progress', dueDate: '2026-04-09' }, '2026-04-10')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-04-10' }, '2026-04-10')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-04-09' }, '2026-04-10')).toBe(false);
    expect(isOverdue({ status: 'dropped', dueDate: '2026-04-09' }, '2026-04-10')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, '2026-04-10')).toBe(false);
  });
});
