import { useState } from 'react';
import { describeCounts, type ErasureLogEntry } from '../../../shared/domain/privacy';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { labelledOptions } from '../../kit/form/options';
import { SelectField } from '../../kit/form/fields';
import { countOf, formatBytes } from '../../kit/format/number';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import { Section } from '../../kit/page/Section';
import { PrivacyHeader } from './PrivacyHeader';

const SOURCES = { here: 'Here', retention: 'At retention review', partner: 'A partner', team: 'A team member' } as const;

/** The erasure log (what, when, who, why — never the content) and the snapshots that predate the latest erasure. */
export function ErasuresPage() {
  const log = useApi('erasure.log', {});
  const snapshots = useApi('erasure.snapshots', {});
  const prune = useApiMutation('erasure.pruneSnapshots');
  const toasts = useToasts();
  const [confirming, setConfirming] = useState(false);
  const latest = log.data?.[0]?.at ?? null;
  const older = (snapshots.data ?? []).filter((s) => latest !== null && s.takenAt <= latest);
  // The log comes whole: filtered and sorted here, both kept in the URL.
  const f = useFilters({ action: '', source: '' });
  const shown = log.data?.filter((e) => (!f.active.action || e.action === f.active.action) && (!f.active.source || e.source === f.active.source));
  const sort = useSort<ErasureLogEntry>({ at: (e) => e.at, who: (e) => e.actor, what: (e) => e.kind, action: (e) => e.action, source: (e) => SOURCES[e.source] });
  return (
    <div className="page">
      <PrivacyHeader title="Erasures" />
      <p className="lead">What was erased or anonymised, when, by whom and why. The log names the kind of record and keeps a fingerprint of its title, never what it said.</p>
      <FilteredList
        label="Filter the erasure log"
        filters={
          <>
            <SelectField label="Action" {...f.bind('action')} emptyLabel="Erased or anonymised" options={labelledOptions(['erase', 'anonymise'], { erase: 'Erased', anonymise: 'Anonymised' })} />
            <SelectField label="Asked for by" {...f.bind('source')} emptyLabel="Anyone" options={Object.entries(SOURCES).map(([value, label]) => ({ value, label }))} />
          </>
        }
        query={{ data: shown, isPending: log.isPending, error: log.error }}
        what="the erasure log"
        filtered={f.any}
        noMatch="No erasures match these filters"
        empty={<EmptyState title="Nothing has been erased" />}
      >
        {(rows) => (
          <DataTable caption="Erasure log" sorting={sort} columns={[...sortable(['When', 'at'], ['Who', 'who'], ['What', 'what'], ['Action', 'action'], ['Asked for by', 'source']), 'Why']}>
            {sort.apply(rows).map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.at, 'minute')}</td>
                <td>{e.actor}</td>
                <td>
                  {e.kind} <span className="muted">{e.recordId}</span>
                  {describeCounts(e.counts) && <div className="muted">{describeCounts(e.counts)}</div>}
                </td>
                <td>{e.action === 'erase' ? 'Erased' : 'Anonymised'}</td>
                <td>{SOURCES[e.source]}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
      <Section id="snapshots-heading" title="Snapshots taken before the latest erasure">
        <p>The workbench copies the whole pilot file before every upgrade and every bundle import, and keeps the latest ten. Snapshots taken after an erasure do not hold what was erased; older ones may, until you remove them.</p>
        <ErrorSummary error={snapshots.error ?? prune.error} />
        {older.length === 0 ? (
          <p>None: no snapshot predates the latest erasure.</p>
        ) : (
          <>
            <DataTable caption="Older snapshots" hideCaption columns={['Snapshot', 'Taken', { label: 'Size', num: true }]}>
              {older.map((s) => (
                <tr key={s.file}>
                  <td>{s.file}</td>
                  <td>{formatDate(s.takenAt, 'minute')}</td>
                  <td className="num">{formatBytes(s.size)}</td>
                </tr>
              ))}
            </DataTable>
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
              Remove these snapshots…
            </button>
          </>
        )}
      </Section>
      <ConfirmDialog
        open={confirming}
        title="Remove the older snapshots?"
        confirmLabel={`Remove ${countOf(older.length, 'snapshot')}`}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          prune.mutate({ snapshots: older.map((s) => s.file) }, { onSuccess: (r) => toasts.show(`Removed ${countOf(r.removed, 'snapshot')}`) });
        }}
      >
        <p>They cannot be used to go back to an earlier state of the pilot any more. Backups you made yourself (tpw backup) are not touched: erase from them as your backup policy says.</p>
      </ConfirmDialog>
    </div>
  );
}
