import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SPEND_LINE_SORTS, type SpendLine } from '../../../shared/domain/spend';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { SelectField, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber } from '../../kit/format/number';
import { SpendHeader } from './SpendHeader';
import './spend.css';

const PAGE = 100;
type Sort = (typeof SPEND_LINE_SORTS)[number];
const SORT_LABELS: Record<Sort, string> = { date: 'Date', row: 'Row in the file', amount: 'Amount', supplier: 'Supplier', serviceArea: 'Service area', expenseType: 'Expense type' };
const BY_HAND = 'manual';
const BACK_TO_RULES = 'rules';

/** The lines behind a figure, each with the file, sheet and row it came from: sorted, searched, exported, themed by hand. */
export function LinesPage() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('from') ?? 0) || 0);
  const sort = (SPEND_LINE_SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : params.get('file') ? 'row' : 'date';
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const q = params.get('q') ?? '';
  const filter = {
    ...(params.get('org') ? { organisationId: params.get('org')! } : {}),
    ...(params.get('theme') ? { theme: params.get('theme')! } : {}),
    ...(params.get('year') ? { year: params.get('year')! } : {}),
    ...(params.get('file') ? { fileId: params.get('file')! } : {}),
    ...(params.get('by') ? { classifiedBy: params.get('by')! } : {}),
    ...(q ? { q } : {}),
    sort,
    dir: dir as 'asc' | 'desc',
  };
  const page = useApi('spend.lines', { ...filter, offset, limit: PAGE }, { placeholderData: (prev) => prev });
  const overview = useApi('pilot.overview', {});
  const exporter = useApiMutation('spend.exportLines');
  const setTheme = useApiMutation('spend.setLineTheme');
  const clearTheme = useApiMutation('spend.clearLineTheme');
  const toasts = useToasts();
  const [search, setSearch] = useState(q);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState('');
  useEffect(() => setChosen(new Set()), [params]);

  const first = page.data?.lines[0];
  const what = [
    params.get('org') && first ? first.organisation : null,
    params.get('theme') === 'unclassified' ? 'unclassified' : params.get('theme') && first ? (first.theme ?? '') : null,
    params.get('year'),
    params.get('file') && first ? first.fileName : null,
    params.get('by') === BY_HAND ? 'themed by hand' : params.get('by') ? 'classified by one rule' : null,
    q ? `containing “${q}”` : null,
  ].filter(Boolean);
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('from' in changes)) next.delete('from');
    setParams(next);
  };
  const sortBy = (s: Sort) => go({ sort: s, dir: sort === s && dir === 'asc' ? 'desc' : 'asc' });
  const sortHeader = (s: Sort, num = false) => (
    <th scope="col" className={num ? 'num' : undefined} aria-sort={sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="spend-sort" onClick={() => sortBy(s)}>
        {SORT_LABELS[s]}
        <span className="visually-hidden">{sort === s ? `, sorted ${dir === 'asc' ? 'ascending' : 'descending'}; select to reverse` : ', select to sort'}</span>
        {sort === s ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  const lines = page.data?.lines ?? [];
  const allChosen = lines.length > 0 && lines.every((l) => chosen.has(l.lineKey));
  const toggle = (key: number) =>
    setChosen((c) => {
      const n = new Set(c);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });
  const applyTheme = () => {
    const lineKeys = [...chosen];
    const done = (r: { changed: number }, text: string) => {
      toasts.show(`${countOf(r.changed, 'line')} ${text}`);
      setChosen(new Set());
    };
    if (target === BACK_TO_RULES) clearTheme.mutate({ lineKeys }, { onSuccess: (r) => done(r, 'handed back to the rules') });
    else setTheme.mutate({ lineKeys, themeId: target === 'none' ? null : target }, { onSuccess: (r) => done(r, 'themed by hand') });
  };

  return (
    <div className="page page--wide">
      <SpendHeader title="Spend lines" />
      <p className="breadcrumb">
        <Link to="/spend">Back to the whole place</Link>
      </p>
      <form
        className="spend-toolbar"
        role="search"
        aria-label="Search these lines"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search.trim() || null });
        }}
      >
        <TextField label="Search the lines" type="search" hint="Supplier, service area, expense type, description or transaction id" value={search} onChange={setSearch} />
        <button type="submit" className="button button--secondary">Search</button>
        <SelectField label="Sort by" value={sort} onChange={(v) => go({ sort: v, dir: 'asc' })} options={SPEND_LINE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} />
        <SelectField label="Order" value={dir} onChange={(v) => go({ dir: v })} options={[{ value: 'asc', label: sort === 'amount' ? 'Smallest first' : 'A to Z / earliest first' }, { value: 'desc', label: sort === 'amount' ? 'Largest first' : 'Z to A / latest first' }]} />
      </form>
      {page.isPending && <Loading what="spend lines" />}
      <ErrorSummary error={page.error ?? exporter.error ?? setTheme.error ?? clearTheme.error} />
      {page.data && page.data.total === 0 && (
        <EmptyState title="No lines here">
          <p>Nothing matches this selection{q ? ' and search' : ''}. Go back to the whole place and choose another figure{q ? ', or search for something else' : ''}.</p>
        </EmptyState>
      )}
      {page.data && page.data.total > 0 && (
        <>
          <div className="spend-section-header">
            <p className="lead">
              {countOf(page.data.total, 'line')} totalling <strong>{formatMoney(page.data.totalPence)}</strong>
              {what.length ? ` — ${what.join(', ')}` : ''}
            </p>
            <div className="button-row">
              <button type="button" className="button button--secondary button--small" disabled={exporter.isPending} onClick={() => exporter.mutate({ ...filter, format: 'csv' })}>
                Export these lines (CSV)
              </button>
              <button type="button" className="button button--secondary button--small" disabled={exporter.isPending} onClick={() => exporter.mutate({ ...filter, format: 'xlsx' })}>
                Export (XLSX)
              </button>
              {exporter.data && (
                <a href={fileUrl(exporter.data.urlPath)} download={exporter.data.name} className="spend-download">
                  Download {exporter.data.name}
                </a>
              )}
            </div>
          </div>
          <div className="spend-grid" tabIndex={0} role="region" aria-label="Lines (scrolls)">
            <table className="table spend-lines">
              <caption className="visually-hidden">
                Lines {offset + 1} to {offset + lines.length} of {formatNumber(page.data.total)}, by {SORT_LABELS[sort].toLowerCase()} {dir === 'asc' ? 'ascending' : 'descending'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input type="checkbox" aria-label="Choose every line on this page" checked={allChosen} onChange={() => setChosen(allChosen ? new Set() : new Set(lines.map((l) => l.lineKey)))} />
                  </th>
                  {sortHeader('date')}
                  {sortHeader('amount', true)}
                  {sortHeader('supplier')}
                  {sortHeader('serviceArea')}
                  {sortHeader('expenseType')}
                  <th scope="col">Description</th>
                  <th scope="col">Theme</th>
                  <th scope="col">Organisation</th>
                  {sortHeader('row')}
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <LineRow key={l.lineKey} line={l} chosen={chosen.has(l.lineKey)} onToggle={() => toggle(l.lineKey)} />
                ))}
              </tbody>
            </table>
          </div>
          <form
            className="spend-toolbar card"
            aria-label="Theme the chosen lines by hand"
            onSubmit={(e) => {
              e.preventDefault();
              applyTheme();
            }}
          >
            <SelectField
              label={`Theme for the ${countOf(chosen.size, 'chosen line')}`}
              hint="Kept when the rules are re-applied, and shown as set by hand."
              value={target}
              onChange={setTarget}
              emptyLabel="Choose…"
              options={[...namedOptions(overview.data?.themes ?? []), { value: 'none', label: 'Unclassified (whatever the rules say)' }, { value: BACK_TO_RULES, label: 'Back to the rules' }]}
            />
            <button type="submit" className="button" disabled={chosen.size === 0 || !target || setTheme.isPending || clearTheme.isPending}>
              Apply to chosen lines
            </button>
          </form>
          <nav className="spend-pager" aria-label="Pages of lines">
            <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => go({ from: String(Math.max(0, offset - PAGE)) })}>
              Previous {PAGE}
            </button>
            <span>
              Lines {formatNumber(offset + 1)}–{formatNumber(offset + lines.length)} of {formatNumber(page.data.total)}
            </span>
            <button type="button" className="button button--secondary" disabled={offset + PAGE >= page.data.total} onClick={() => go({ from: String(offset + PAGE) })}>
              Next {PAGE}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}

function LineRow({ line: l, chosen, onToggle }: { line: SpendLine; chosen: boolean; onToggle(): void }) {
  // One date style everywhere ("17 Apr 2025"); ISO dates stay in the export files.
  const when = l.periodEnd ? `${formatDate(l.date)} to ${formatDate(l.periodEnd)}` : formatDate(l.date);
  return (
    <tr>
      <td>
        <input type="checkbox" checked={chosen} onChange={onToggle} aria-label={`Choose the line of ${formatMoney(l.amountPence)} to ${l.supplier ?? 'no supplier'} on ${when}`} />
      </td>
      <td className="spend-nowrap">{when}</td>
      <td className="num spend-nowrap">{formatMoney(l.amountPence)}</td>
      <td className="spend-lines__text">{l.supplier ?? '—'}</td>
      <td>{l.serviceArea ?? '—'}</td>
      <td>{l.expenseType ?? '—'}</td>
      <td className="spend-lines__text">{l.description ?? '—'}</td>
      <td>
        {l.theme ?? 'Unclassified'}
        {l.classifiedBy?.kind === 'manual' && <div className="spend-manual">set by hand by {l.classifiedBy.setBy}</div>}
      </td>
      <td>{l.organisation}</td>
      <td>
        {l.fileName}
        {l.sheet ? ` [${l.sheet}]` : ''}, row {l.row}
      </td>
    </tr>
  );
}
