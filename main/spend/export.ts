/** The whole-place table as a CSV or XLSX extract, registered as a download. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { ServiceContext } from '../core/context';
import { spendSummary } from './queries';
import { exportsDir, registerDownload, type DownloadInfo } from '../core/transfers';

const HEADERS = ['Organisation', 'Theme', 'Financial year', 'Lines', 'Total (£)', 'Total (pence)'];

export async function exportSpendSummary(ctx: ServiceContext, format: 'csv' | 'xlsx'): Promise<DownloadInfo> {
  const rows = await spendSummary(ctx);
  const body = rows.map((r) => [r.organisation, r.theme ?? 'Unclassified', r.year, r.rows, r.totalPence / 100, r.totalPence]);
  const dir = await exportsDir(ctx);
  const stamp = ctx.now().toISOString().slice(0, 10);
  const name = `whole-place-spend-${stamp}.${format}`;
  const file = path.join(dir, name);
  if (format === 'csv') {
    // Pounds written with exactly two decimals (no float noise); a BOM so Excel reads £ correctly.
    const csv = Papa.unparse({ fields: HEADERS, data: body.map((b) => [b[0], b[1], b[2], b[3], (Number(b[5]) / 100).toFixed(2), b[5]]) });
    await fsp.writeFile(file, `\ufeff${csv}\r\n`, 'utf8');
    return registerDownload(file, name, 'text/csv; charset=utf-8');
  }
  // Loaded on demand: exceljs costs a second of start-up that other commands should not pay.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Total Place Workbench';
  const ws = wb.addWorksheet('Whole place spend');
  ws.addRow(HEADERS).font = { bold: true };
  for (const b of body) ws.addRow(b);
  ws.getColumn(5).numFmt = '£#,##0.00;-£#,##0.00';
  ws.getColumn(4).numFmt = '#,##0';
  ws.columns.forEach((c, i) => (c.width = [32, 24, 14, 10, 16, 16][i]));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  await wb.xlsx.writeFile(file);
  return registerDownload(file, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
