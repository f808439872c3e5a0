/** The one CSV/XLSX writer (issue 10, finding 7): the OWASP rule for text a spreadsheet would run. */
import { describe, expect, it } from 'vitest';
import { csvBlocks, csvText, neutralise, sheetName, tableFromObjects } from '../../main/core/tabular';

const PAYLOADS = ['=HYPERLINK("http://evil.example","x")', '+1+1', "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '\t=1+1', '\r=1+1'];

describe('the one tabular writer', () => {
  it('neutralises text beginning with = + - @ tab or CR, and leaves numbers as numbers', () => {
    for (const p of PAYLOADS) expect(neutralise(p)).toBe(`'${p}`);
    expect(neutralise('Fire & Rescue')).toBe('Fire & Rescue');
    const csv = csvText({ columns: [{ header: 'Name' }, { header: 'Amount (£)', kind: 'pence' }, { header: 'n', kind: 'number' }], rows: [[PAYLOADS[2], -1250, -3], ['Smith, "Jo"', 99, null]] });
    expect(csv).toBe(`\ufeffName,Amount (£),n\r\n'-2+3+cmd|' /C calc'!A0,-12.50,-3\r\n"Smith, ""Jo""",0.99,\r\n`);
  });
});


describe('tables and sheets', () => {
  it('writes several tables as titled blocks, and objects as rows (values that are objects as JSON)', () => {
    expect(csvBlocks([{ name: 'A', columns: [{ header: 'x' }], rows: [['=1']] }, { name: '+B', columns: [{ header: 'y' }], rows: [[1]] }])).toBe("\ufeffA\r\nx\r\n'=1\r\n\r\n'+B\r\ny\r\n1\r\n");
    expect(tableFromObjects('t', [{ a: { b: 1 }, c: true }]).rows).toEqual([['{"b":1}', true]]);
  });

  it('makes sheet names Excel accepts: 31 characters, no []:*?/\\, unique', () => {
    const used = new Set<string>();
    expect(sheetName('a/b:c*d?e[f]g\\h', used)).toBe('a b c d e f g h');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(sheetName('x'.repeat(40), used)).toBe(`${'x'.repeat(28)} 2`);
  });
});
