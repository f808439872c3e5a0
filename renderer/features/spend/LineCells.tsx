import { formatMoney } from '../../kit/format/money';

/** A spend line's amount and the three descriptions rules can match, as the preview and the line list show them. */
export function LineCells({ line: l }: { line: { amountPence: number; supplier: string | null; serviceArea: string | null; expenseType: string | null } }) {
  return (
    <>
      <td className="num spend-nowrap">{formatMoney(l.amountPence)}</td>
      <td>{l.supplier ?? '—'}</td>
      <td>{l.serviceArea ?? '—'}</td>
      <td>{l.expenseType ?? '—'}</td>
    </>
  );
}
