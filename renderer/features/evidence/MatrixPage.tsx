import { useId, useState } from 'react';
import { Link } from 'react-router';
import { MAX_MATRIX_ROWS } from '../../../shared/domain/evidence';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { EvidenceHeader } from './EvidenceHeader';
import { MatrixGrid } from './MatrixGrid';
import { IndicatorsPanel, SensitivityPanel } from './MatrixPanels';
import { countOf, formatNumber } from '../../kit/format/number';

type Sort = 'diagnosticity' | 'recent' | 'title';
const STEP = 200;

export function MatrixPage() {
  const [themeId, setThemeId] = useState('');
  const [sort, setSort] = useState<Sort>('diagnosticity');
  const [hide, setHide] = useState(false);
  const [limit, setLimit] = useState(STEP);
  const hideId = useId();
  const overview = useApi('pilot.overview', {});
  const matrix = useApi('evidence.matrix', { sort, hideNonDiagnostic: hide, limit, ...(themeId ? { themeId } : {}) }, { placeholderData: (prev) => prev });
  const m = matrix.data;
  return (
    <div className="page page--wide">
      <EvidenceHeader title="Evidence matrix" />
      <p className="lead">
        Analysis of Competing Hypotheses: rate each item against each hypothesis. The hypothesis with the <strong>lowest inconsistency score</strong> has the least evidence against it.
      </p>
      <form className="filters" aria-label="Matrix options" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Theme" value={themeId} onChange={setThemeId} emptyLabel="All themes" options={namedOptions(overview.data?.themes)} />
        <SelectField
          label="Order of evidence"
          value={sort}
          onChange={(s) => setSort(s as Sort)}
          options={[
            { value: 'diagnosticity', label: 'Most diagnostic first' },
            { value: 'recent', label: 'Recently changed first' },
            { value: 'title', label: 'By title' },
          ]}
        />
        <div className="field field--checkbox" style={{ alignSelf: 'center' }}>
          <input id={hideId} type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} />
          <label htmlFor={hideId}>Hide non-diagnostic evidence</label>
        </div>
      </form>
      {matrix.isPending && <Loading what="the matrix" />}
      <ErrorSummary error={matrix.error} />
      {m && m.hypotheses.length === 0 && (
        <EmptyState title="No hypotheses to test yet">
          <p>The matrix has one column per hypothesis. <Link to="/hypotheses/new">Write a hypothesis</Link> first.</p>
        </EmptyState>
      )}
      {m && m.hypotheses.length > 0 && m.rows.length === 0 && (
        <EmptyState title={hide ? 'No diagnostic evidence yet' : 'No evidence linked to these hypotheses yet'}>
          <p>
            {hide
              ? 'Evidence becomes diagnostic when it is rated differently against different hypotheses. Untick “Hide non-diagnostic evidence” to see the rest.'
              : 'Link evidence to a hypothesis from the evidence’s page, then rate it against the others here.'}{' '}
            <Link to="/evidence">Go to the evidence list</Link>.
          </p>
        </EmptyState>
      )}
      {m && m.rows.length > 0 && (
        <>
          <p className="muted" role="status">
            Showing {formatNumber(m.rows.length)} of {countOf(m.totalRows, 'linked item')}. Use the arrow keys to move between cells, Enter to change a rating with its credibility and relevance (Enter again saves, Escape cancels), Delete to clear it.
          </p>
          <MatrixGrid data={m} orderKey={`${sort}|${hide}|${themeId}`} />
          <SensitivityPanel themeId={themeId} />
          <IndicatorsPanel hypotheses={m.hypotheses} />
          {m.rows.length < m.totalRows && (
            <button type="button" className="button button--secondary" onClick={() => setLimit((l) => Math.min(MAX_MATRIX_ROWS, l + STEP))} disabled={limit >= MAX_MATRIX_ROWS}>
              Show more evidence
            </button>
          )}
        </>
      )}
    </div>
  );
}
