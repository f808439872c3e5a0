import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import type { EvidenceKind, Sensitivity } from '../../../shared/domain/evidence';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { CitizenBadge, KindLabel, SensitivityBadge } from './Badges';
import { EvidenceHeader } from './EvidenceHeader';
import { KIND_OPTIONS, SENSITIVITY_OPTIONS } from './labels';
import { useEvidencePages, type EvidenceFilterInput } from './useEvidencePages';

const ROW_HEIGHT = 72;

export function EvidenceListPage() {
  const [kind, setKind] = useState('');
  const [sensitivity, setSensitivity] = useState('');
  const [tag, setTag] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [hypothesisId, setHypothesisId] = useState('');
  const [citizen, setCitizen] = useState('');
  const [text, setText] = useState('');
  const overview = useApi('pilot.overview', {});
  const hypotheses = useApi('hypothesis.list', {});
  const tags = useApi('evidence.tags', {});
  const organisations = useApi('organisation.list', {});

  const filter: EvidenceFilterInput = {
    ...(kind ? { kind: kind as EvidenceKind } : {}),
    ...(sensitivity ? { sensitivity: sensitivity as Sensitivity } : {}),
    ...(tag ? { tag } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(hypothesisId ? { hypothesisId } : {}),
    ...(citizen ? { citizenPerspective: citizen === 'yes' } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
  const filtered = Object.keys(filter).length > 0;
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
      <form className="filters" role="search" aria-label="Filter evidence" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Words" type="search" value={text} onChange={setText} />
        <SelectField label="Kind" value={kind} onChange={setKind} emptyLabel="Any kind" options={KIND_OPTIONS} />
        <SelectField label="Sensitivity" value={sensitivity} onChange={setSensitivity} emptyLabel="Any sensitivity" options={SENSITIVITY_OPTIONS} />
        <SelectField label="Tag" value={tag} onChange={setTag} emptyLabel="Any tag" options={(tags.data ?? []).map((t) => ({ value: t.tag, label: `${t.tag} (${t.count})` }))} />
        <SelectField label="Organisation" value={organisationId} onChange={setOrganisationId} emptyLabel="Any organisation" options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        <SelectField label="Hypothesis" value={hypothesisId} onChange={setHypothesisId} emptyLabel="Any hypothesis" options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement.length > 60 ? `${h.statement.slice(0, 60)}…` : h.statement }))} />
        <SelectField
          label="Perspective"
          value={citizen}
          onChange={setCitizen}
          emptyLabel="Any perspective"
          options={[
            { value: 'yes', label: 'Citizen’s perspective' },
            { value: 'no', label: 'Other perspectives' },
          ]}
        />
      </form>
      {(pages.isPending || overview.isPending) && <Loading what="evidence" />}
      <ErrorSummary error={pages.error} />
      {pages.data && total === 0 && (
        <EmptyState title={filtered ? 'No evidence matches these filters' : 'No evidence yet'}>
          {filtered ? (
            <p>Clear a filter to see more.</p>
          ) : (
            <>
              <p>Record what you find — spend analyses, performance data, citizens’ stories, practitioners’ views — and link it to the hypotheses it tests.</p>
              <Link to="/evidence/new" className="button">Add the first evidence</Link>
            </>
          )}
        </EmptyState>
      )}
      {total > 0 && (
        <>
          <p className="muted" role="status">
            {total.toLocaleString('en-GB')} item{total === 1 ? '' : 's'}
            {filtered ? ' match' : ''}
          </p>
          <div className="evidence-scroller" ref={scroller} tabIndex={0} role="region" aria-label={`Evidence, ${total} items; scroll for more`}>
            <ul style={{ height: virtual.getTotalSize() }}>
              {items.map((v) => {
                const e = rows[v.index];
                return (
                  <li key={v.key} className="evidence-row" aria-setsize={total} aria-posinset={v.index + 1} style={{ top: v.start, height: ROW_HEIGHT }}>
                    {e ? (
                      <>
                        <Link className="evidence-row__title" to={`/evidence/${e.id}`}>{e.title}</Link>
                        <span className="evidence-row__meta">
                          <KindLabel kind={e.kind} />
                          <SensitivityBadge value={e.sensitivity} />
                          <CitizenBadge show={e.citizenPerspective} />
                          {e.organisationId && <span>{orgName.get(e.organisationId) ?? ''}</span>}
                          {e.observedOn && <span>Observed {formatDate(e.observedOn)}</span>}
                          <span>{e.linkCount} link{e.linkCount === 1 ? '' : 's'}</span>
                          <span>{e.attachmentCount} file{e.attachmentCount === 1 ? '' : 's'}</span>
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
    </div>
  );
}
