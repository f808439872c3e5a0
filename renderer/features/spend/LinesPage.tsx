import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { formatMoney } from '../../kit/format/money';
import { formatNumber } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { LineCells } from './LineCells';
import { SpendHeader } from './SpendHeader';

const PAGE = 100;

/** The lines behind a figure, each with the file, sheet and row it came from. */
export function LinesPage() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('from') ?? 0) || 0);
  const filter = {
    ...(params.get('org') ? { organisationId: params.get('org')! } : {}),
    ...(params.get('theme') ? { theme: params.get('theme')! } : {}),
    ...(params.get('year') ? { year: params.get('year')! } : {}),
    ...(params.get('file') ? { fileId: params.get('file')! } : {}),
    offset,
    limit: PAGE,
  };
  const page = useApi('spend.lines', filter, { placeholderData: (prev) => prev });
  const first = page.data?.lines[0];
  const what = [
    params.get('org') && first ? first.organisation : null,
    params.get('theme') === 'unclassified' ? 'unclassified' : params.get('theme') && first ? (first.theme ?? '') : null,
    params.get('year'),
    params.get('file') && first ? first.fileName : null,
  ].filter(Boolean);
  const go = (from: number) => {
    const next = new URLSearchParams(params);
    next.set('from', String(from));
    setParams(next);
  };
  return (
    <div className="page page--wide">
      <SpendHeader title="Spend lines" />
      <p className="breadcrumb">
        <Link to="/spend">Back to the whole place</Link>
      </p>
      {page.isPending && <Loading what="spend lines" />}
      <ErrorSummary error={page.error} />
      {page.data && page.data.total === 0 && (
        <EmptyState title="No lines here">
          <p>Nothing matches this selection. Go back to the whole place and choose another figure.</p>
        </EmptyState>
      )}
      {page.data && page.data.total > 0 && (
        <>
          <p className="lead">
            {formatNumber(page.data.total)} lines totalling <strong>{formatMoney(page.data.totalPence)}</strong>
            {what.length ? ` — ${what.join(', ')}` : ''}
          </p>
          <div className="spend-scroll">
            <DataTable
              caption={`Lines ${offset + 1} to ${offset + page.data.lines.length} of ${formatNumber(page.data.total)}, by date`}
              columns={['Date', ...numeric('Amount'), 'Supplier', 'Service area', 'Expense type', 'Theme', 'Organisation', 'Source (file, row)']}
            >
              {page.data.lines.map((l) => (
                <tr key={`${l.fileId}-${l.row}`}>
                  <td className="spend-nowrap">{l.date}</td>
                  <LineCells line={l} />
                  <td>{l.theme ?? 'Unclassified'}</td>
                  <td>{l.organisation}</td>
                  <td>
                    {l.fileName}
                    {l.sheet ? ` [${l.sheet}]` : ''}, row {l.row}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
          <nav className="button-row" aria-label="Pages of lines">
            <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => go(Math.max(0, offset - PAGE))}>
              Previous {PAGE}
            </button>
            <button type="button" className="button button--secondary" disabled={offset + PAGE >= page.data.total} onClick={() => go(offset + PAGE)}>
              Next {PAGE}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
