/**
 * The demo's spend files: a year of transactions over £500 as an English council or trust
 * publishes them, generated from a fixed seed so every demo is the same and the figures add up.
 */
import { mulberry32 } from '../../shared/calc/montecarlo';

export interface SpendLineShape {
  serviceArea: string;
  expenseType: string;
  suppliers: string[];
  /** Typical payment in pounds, and how many a year. */
  typical: number;
  count: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One financial year (April of `startYear` to March) of payments, as CSV text. */
export function spendCsv(seed: number, startYear: number, shapes: SpendLineShape[]): string {
  const rnd = mulberry32(seed); // the same file on every machine, every time
  const rows: { date: Date; cells: string[] }[] = [];
  for (const s of shapes) {
    for (let i = 0; i < s.count; i++) {
      const month = Math.floor(rnd() * 12);
      const date = new Date(Date.UTC(startYear + (month >= 9 ? 1 : 0), (month + 3) % 12, 1 + Math.floor(rnd() * 28)));
      const amount = Math.max(500, Math.round(s.typical * (0.5 + rnd()) * 100) / 100);
      const supplier = s.suppliers[Math.floor(rnd() * s.suppliers.length)]!;
      rows.push({ date, cells: [s.serviceArea, s.expenseType, supplier, amount.toFixed(2)] });
    }
  }
  rows.sort((a, b) => a.date.getTime() - b.date.getTime());
  const lines = rows.map((r) => [`${pad(r.date.getUTCDate())}/${pad(r.date.getUTCMonth() + 1)}/${r.date.getUTCFullYear()}`, ...r.cells].map(csvCell).join(','));
  return ['Date,Service Area,Expense Type,Supplier,Amount', ...lines].join('\n') + '\n';
}
