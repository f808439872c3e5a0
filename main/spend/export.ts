/** The whole-place table and the lines behind a figure as CSV or XLSX extracts, registered as downloads. */
import path from 'node:path';
import type { ServiceContext } from '../core/context';
import { AppError } from '../../shared/errors';
import { allSpendLines, spendLines, spendSummary } from './queries';
import type { LinesFilter } from './lineQuery';
import { writeCsvFile, writeXlsxFile, type TabularTable } from '../core/tabular';
import { exportsDir, registerDownload, type DownloadInfo } from '../core/transfers';

export async function exportSpendSummary(ctx: ServiceContext, format: 'csv' | 'xlsx'): Promise<DownloadInfo> {
  const rows = await spendSummary(ctx);
  const table: TabularTable = {
    name: 'Whole place spend',
    columns: [
      { header: 'Organisation', width: 32 },
      { header: 'Theme', width: 24 },
      { header: 'Financial year', width: 14 },
      { header: 'Lines', kind: 'integer', width: 10 },
      // Pounds to exactly two decimals (no float noise), and the exact pence beside them.
      { header: 'Total (£)', kind: 'pence', width: 16 },
      { header: 'Total (pence)', kind: 'number', width: 16 },
    ],
    rows: rows.map((r) => [r.organisation, r.theme ?? 'Unclassified', r.year, r.rows, r.totalPence, r.totalPence]),
  };
  const dir = await exportsDir(ctx);
  const stamp = ctx.now().toISOString().slice(0, 10);
  const name = `whole-place-spend-${stamp}.${format}`;
  const file = path.join(dir, name);
  if (format === 'csv') {
    await writeCsvFile(file, table);
    return registerDownload(file, name, 'text/csv; charset=utf-8');
  }
  await writeXlsxFile(file, [table]);
  return registerDownload(file, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

/** The most lines one extract holds: an extract is read in a spreadsheet, and is built in memory. */
export const LINES_EXPORT_MAX = 100_000;

/** The lines a drill-down selects (every page, in its order) as a CSV or XLSX extract, with their source. */
export async function exportSpendLines(ctx: ServiceContext, f: LinesFilter & { format: 'csv' | 'xlsx' }): Promise<DownloadInfo> {
  const { total } = await spendLines(ctx, { ...f, offset: 0, limit: 1 });
  if (total > LINES_EXPORT_MAX) {
    throw new AppError(
      'REFUSED',
      `These ${total.toLocaleString('en-GB')} lines are more than one extract holds (${LINES_EXPORT_MAX.toLocaleString('en-GB')}). Narrow the selection — a year, a theme, an organisation or a search — and export again.`,
    );
  }
  const rows: TabularTable['rows'] = [];
  for await (const batch of allSpendLines(ctx, f)) {
    for (const l of batch) {
      rows.push([
        l.date,
        l.periodEnd,
        l.financialYear,
        l.amountPence,
        l.supplier,
        l.serviceArea,
        l.expenseType,
        l.transactionRef,
        l.orgUnit,
        l.description,
        l.theme ?? 'Unclassified',
        l.classifiedBy?.kind === 'manual' ? 'by hand' : l.classifiedBy ? 'by a rule' : '',
        l.organisation,
        l.fileName,
        l.sheet,
        l.row,
      ]);
    }
  }
  const table: TabularTable = {
    name: 'Spend lines',
    columns: [
      { header: 'Date', kind: 'date', width: 12 },
      { header: 'Period end', kind: 'date', width: 12 },
      { header: 'Financial year', width: 10 },
      { header: 'Amount (£)', kind: 'pence', width: 14 },
      { header: 'Supplier', width: 32 },
      { header: 'Service area', width: 24 },
      { header: 'Expense type', width: 24 },
      { header: 'Transaction id', width: 16 },
      { header: 'Organisation unit', width: 20 },
      { header: 'Description', width: 32 },
      { header: 'Theme', width: 20 },
      { header: 'Classified', width: 10 },
      { header: 'Organisation', width: 28 },
      { header: 'Source file', width: 28 },
      { header: 'Sheet', width: 14 },
      { header: 'Row', kind: 'integer', width: 8 },
    ],
    rows,
  };
  const dir = await exportsDir(ctx);
  const name = `spend-lines-${ctx.now().toISOString().slice(0, 10)}.${f.format}`;
  const file = path.join(dir, name);
  if (f.format === 'csv') {
    await writeCsvFile(file, table);
    return registerDownload(file, name, 'text/csv; charset=utf-8');
  }
  await writeXlsxFile(file, [table]);
  return registerDownload(file, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
