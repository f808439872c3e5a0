import { useApi } from '../../api/hooks';
import { MarkingBadge } from '../evidence/Badges';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { labelledOptions } from '../../kit/form/options';
import { SelectField, TextField } from '../../kit/form/fields';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import type { BundleLogEntry } from '../../../shared/domain/bundles';
import { BundlesHeader } from './BundlesHeader';
import { countOf } from '../../kit/format/number';

const countsText = (c: Record<string, number>, direction: 'export' | 'import') =>
  direction === 'export'
    ? `${countOf(c.records ?? 0, 'record')}, ${countOf(c.attachments ?? 0, 'attachment')}${c.withheld ? `, ${c.withheld} withheld` : ''}`
    : `${c.added ?? 0} added, ${c.updated ?? 0} updated, ${countOf(c.conflicts ?? 0, 'conflict')}, ${c.unchanged ?? 0} unchanged`;

/** Every bundle sent and received: who, when, which key, what. */
export function LogPage() {
  const log = useApi('bundle.log', {});
  // The newest 1,000 entries come at once: filtered and sorted here, both kept in the URL.
  const f = useFilters({ direction: '', partner: '' });
  const partner = f.active.partner?.toLowerCase();
  const shown = log.data?.filter((e) => (!f.active.direction || e.direction === f.active.direction) && (!partner || e.counterpart.toLowerCase().includes(partner)));
  const sort = useSort<BundleLogEntry>({ at: (e) => e.at, direction: (e) => e.direction, partner: (e) => e.counterpart, by: (e) => e.actor });
  return (
    <div className="page">
      <BundlesHeader title="Exchange log" />
      <FilteredList
        label="Filter the exchange log"
        filters={
          <>
            <SelectField label="Direction" {...f.bind('direction')} emptyLabel="Sent and received" options={labelledOptions(['export', 'import'], { export: 'Sent', import: 'Received' })} />
            <TextField label="Partner" type="search" {...f.bind('partner')} />
          </>
        }
        query={{ ...log, data: shown }}
        what="the exchange log"
        filtered={f.any}
        noMatch="No bundles match these filters"
        empty={
          <EmptyState title="No bundles sent or received yet">
            <p>Every bundle you send or apply is recorded here, with the partner's fingerprint and any sensitive items you chose to include.</p>
          </EmptyState>
        }
      >
        {(entries) => (
          <DataTable
            caption={`Bundles sent and received${sort.key ? '' : ', newest first'}`}
            hideCaption
            sorting={sort}
            columns={[...sortable(['When', 'at'], ['Direction', 'direction'], ['Partner', 'partner']), 'What', ...sortable(['By', 'by'])]}
          >
            {sort.apply(entries).map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.at, 'minute')}</td>
                <td>{e.direction === 'export' ? 'Sent' : 'Received'}</td>
                <td>
                  {e.counterpart}
                  {e.counterpartFingerprints.map((f) => (
                    <div key={f}>
                      <code className="fingerprint fingerprint--short">{f.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ')}…</code>
                    </div>
                  ))}
                </td>
                <td>
                  {countsText(e.counts, e.direction)}
                  <br />
                  <small>Scope: {e.scope.join(', ')}</small>
                  {e.marking && (
                    <>
                      <br />
                      <MarkingBadge value={e.marking} />
                    </>
                  )}
                  {e.agreements.length > 0 && (
                    <>
                      <br />
                      <small>Data-sharing agreement: {e.agreements.map((g) => `${g.dsaReference ?? 'none'}${g.dpiaReference ? ` (DPIA ${g.dpiaReference})` : ''}`).join(', ')}</small>
                    </>
                  )}
                  {e.redactions.length > 0 && (
                    <>
                      <br />
                      <small>Redacted: {e.redactions.map((r) => `${r.label} ×${r.count}`).join(', ')}</small>
                    </>
                  )}
                  {e.decisions.length > 0 && (
                    <ul className="plain-list">
                      {e.decisions.map((d) => (
                        <li key={`${d.table}:${d.id}`}>
                          Included {d.sensitivity === 'personal' ? 'personal data' : 'team-only'} “{d.label}”: {d.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
    </div>
  );
}
