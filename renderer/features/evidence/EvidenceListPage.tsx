import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { countOf } from '../../kit/format/number';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { CitizenBadge, KindLabel, SensitivityBadge } from './Badges';
import { EvidenceHeader } from './EvidenceHeader';
import { EVIDENCE_SORTS } from '../../../shared/domain/evidence';
import { KIND_OPTIONS, SENSITIVITY_OPTIONS } from './labels';
import { useEvidencePages, type EvidenceFilterInput } from './useEvidencePages';

const ROW_HEIGHT = 72;

/** The list's orders, as `?sort=key` (ascending) or `?sort=-key` (descending) in the URL, like every sortable list. */
const SORT_OPTIONS: { value: string; label: string }[] = [
  { value: 'added', label: 'Oldest added first' },
  { value: '-updated', label: 'Most recently changed first' },
  { value: 'title', label: 'Title, A to Z' },
  { value: '-title', label: 'Title, Z to A' },
  { value: '-observed', label: 'Latest observed first' },
  { value: 'observed', label: 'Earliest observed first' },
  { value: 'kind', label: 'Kind, A to Z' },
  { value: 'sensitivity', label: 'Most open first' },
  { value: '-sensitivity', label: 'Most closely held first' },
  { value: '-links', label: 'Most links first' },
  { value: '-files', label: 'Most files first' },
];

/** The server's sort input for the URL's `sort`: unknown values are left out (newest first). */
function sortInput(sort: string | undefined): Pick<EvidenceFilterInput, 'sort' | 'direction'> {
  const key = sort?.replace(/^-/, '');
  const known = EVIDENCE_SORTS.find((s) => s === key);
  return known ? { sort: known, direction: sort!.startsWith('-') ? 'desc' : 'asc' } : {};
}

export function EvidenceListPage() {
  const f = useFilters({ text: '', kind: '', sensitivity: '', tag: '', organisationId: '', hypothesisId: '', citizen: '', sort: '' });
  const overview = useApi('pilot.overview', {});
  const hypotheses = useApi('hypothesis.list', {});
  const tags = useApi('evidence.tags', {});
  const organisations = useApi('organisation.list', {});

  // The sort sits in the URL beside the filters but is not one: "3 items match" counts filters only.
  const { citizen, sort, ...rest } = f.active;
  const filtered = Object.keys(rest).length > 0 || !!citizen;
  const filter = { ...rest, ...(citizen ? { citizenPerspective: citizen === 'yes' } : {}), ...sortInput(sort) } as EvidenceFilterInput;
  const pages = useEvidencePages(filter);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const orgName = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= rows.length - 20 && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  }, [lastIndex, rows.length, pages]);

  return (
    <div className="page page--wide">
      <EvidenceHeader />
      <FilteredList
        label="Filter evidence"
        filters={
          <>
            <TextField label="Words" type="search" {...f.bind('text')} />
            <SelectField label="Kind" {...f.bind('kind')} emptyLabel="Any kind" options={KIND_OPTIONS} />
            <SelectField label="Sensitivity" {...f.bind('sensitivity')} emptyLabel="Any sensitivity" options={SENSITIVITY_OPTIONS} />
            <SelectField label="Tag" {...f.bind('tag')} emptyLabel="Any tag" options={(tags.data ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))} />
            <SelectField label="Organisation" {...f.bind('organisationId')} emptyLabel="Any organisation" options={namedOptions(organisations.data)} />
            <SelectField label="Hypothesis" {...f.bind('hypothesisId')} emptyLabel="Any hypothesis" options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement.length > 60 ? `${h.statement.slice(0, 60)}…` : h.statement }))} />
            <SelectField label="Perspective" {...f.bind('citizen')} emptyLabel="Any perspective" options={labelledOptions(['yes', 'no'], { yes: 'Citizen’s perspective', no: 'Other perspectives' })} />
            <SelectField label="Sort by" {...f.bind('sort')} emptyLabel="Newest added first" options={SORT_OPTIONS} />
          </>
        }
        query={{ data: pages.data ? rows : undefined, isPending: pages.isPending || overview.isPending, error: pages.error }}
        what="evidence"
        filtered={filtered}
        noMatch="No evidence matches these filters"
        empty={
          <EmptyState title="No evidence yet">
            <p>Record what you find — spend analyses, performance data, citizens’ stories, practitioners’ views — and link it to the hypotheses it tests.</p>
            <Link to="/evidence/new" className="button">Add the first evidence</Link>
          </EmptyState>
        }
      >
        {() => (
          <>
            <p className="muted" role="status">
              {countOf(total, 'item')}
              {filtered ? ' match' : ''}
            </p>
            <div className="evidence-scroller" ref={scroller} tabIndex={0} role="region" aria-label={`Evidence, ${countOf(total, 'item')}; scroll for more`}>
              <ul style={{ height: virtual.getTotalSize() }}>
                {items.map((v) => {
                  const e = rows[v.index];
                  return (
                    // Measured, not fixed: a row whose details wrap onto a second line is taller, and a fixed
                    // height squeezed its title out of sight.
                    <li key={v.key} ref={virtual.measureElement} data-index={v.index} className="evidence-row" aria-setsize={total} aria-posinset={v.index + 1} style={{ top: v.start, minHeight: ROW_HEIGHT }}>
                      {e ? (
                        <>
                          <Link className="evidence-row__title" to={`/evidence/${e.id}`}>{e.title}</Link>
                          <span className="evidence-row__meta">
                            <KindLabel kind={e.kind} />
                            <SensitivityBadge value={e.sensitivity} marking={e.marking} />
                            <CitizenBadge show={e.citizenPerspective} />
                            {e.organisationId && <span>{orgName.get(e.organisationId) ?? ''}</span>}
                            {e.observedOn && <span>Observed {formatDate(e.observedOn)}</span>}
                            <span>{countOf(e.linkCount, 'link')}</span>
                            <span>{countOf(e.attachmentCount, 'file')}</span>
                            {e.tags.length > 0 && <span>Tags: {e.tags.join(', ')}</span>}
                          </span>
                        </>
                      ) : (
                        <span className="muted">Loading…</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          </>
        )}
      </FilteredList>
    </div>
  );
}
