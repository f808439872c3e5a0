import { useState, type FormEvent } from 'react';
import type { SarLogEntry, SarResult } from '../../../shared/domain/privacy';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { TextField } from '../../kit/form/fields';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { Section } from '../../kit/page/Section';
import { PrivacyHeader } from './PrivacyHeader';

const WHERE: Record<SarResult['hits'][number]['where'], string> = { record: 'Current version', history: 'Earlier version', attachment: 'Attachment text' };

/** Subject access: every mention of a person, and the pack that answers the request. */
export function SarPage() {
  const [text, setText] = useState('');
  const [reference, setReference] = useState('');
  const search = useApiMutation('sar.search');
  const pack = useApiMutation('sar.pack');
  const log = useApi('sar.log', {});
  const sort = useSort<SarLogEntry>({ at: (l) => l.at, who: (l) => l.actor, reference: (l) => l.reference, matches: (l) => l.matches, exported: (l) => l.exportedTo });
  const input = { text, ...(reference.trim() ? { reference: reference.trim() } : {}) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    pack.reset();
    search.mutate(input);
  };
  const r = search.data;
  return (
    <div className="page">
      <PrivacyHeader title="Subject access" />
      <p className="lead">Find everything this workbench holds about a person — every record (including the recycle bin), every earlier version, quotes and the text of attached files — and download it as a pack to answer their request. Each search is logged, without the name.</p>
      <form className="card" onSubmit={submit} role="search" aria-label="Subject access search">
        <TextField label="Name or identifier" hint="For example a name, an NHS number or a case reference. Any case; matched anywhere in the text." value={text} onChange={setText} error={fieldError(search.error, 'text')} required />
        <TextField label="Request reference (optional)" hint="Kept in the log of searches, e.g. SAR-2026-014." value={reference} onChange={setReference} error={fieldError(search.error, 'reference')} />
        <div className="button-row">
          <button type="submit" className="button" disabled={search.isPending}>
            Search
          </button>
        </div>
      </form>
      <ErrorSummary error={search.error && !search.error.fields ? search.error : null} />
      {r && (
        <Section id="sar-results-heading" title={`${r.hits.length} passage${r.hits.length === 1 ? '' : 's'} in ${r.records} record${r.records === 1 ? '' : 's'} mention “${r.text}”`}>
          {r.hits.length === 0 ? (
            <EmptyState level={3} title="Nothing held mentions it">
              <p>The search was logged. Say so in your response.</p>
            </EmptyState>
          ) : (
            <>
              <div className="button-row">
                <button type="button" className="button" disabled={pack.isPending} onClick={() => pack.mutate({ text: r.text, ...(reference.trim() ? { reference: reference.trim() } : {}) })}>
                  {pack.isPending ? 'Preparing the pack…' : 'Prepare the subject-access pack'}
                </button>
                {pack.data && (
                  <a className="button button--secondary" href={fileUrl(pack.data.urlPath)} download={pack.data.name}>
                    Download {pack.data.name}
                  </a>
                )}
              </div>
              <ErrorSummary error={pack.error} />
              <DataTable caption="Passages that mention the person" hideCaption columns={['Where', 'Record', 'Passage']}>
                {r.hits.map((h, i) => (
                  <tr key={`${h.table}:${h.recordId}:${h.rev ?? ''}:${i}`}>
                    <td>
                      {WHERE[h.where]}
                      {h.deleted ? ' (recycle bin)' : ''}
                      {h.where === 'history' && h.at ? `, ${formatDate(h.at, 'minute')}` : ''}
                    </td>
                    <td>
                      {h.kind}: {h.label}
                    </td>
                    <td>{h.excerpt}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </Section>
      )}
      <Section id="sar-log-heading" title="Log of searches">
        {log.data && log.data.length > 0 ? (
          <DataTable
            caption="Log of subject-access searches"
            hideCaption
            sorting={sort}
            columns={sortable(['When', 'at'], ['Who', 'who'], ['Reference', 'reference'], ['Matches', 'matches', 'num'], ['Exported', 'exported'])}
          >
            {sort.apply(log.data).map((l) => (
              <tr key={l.id}>
                <td>{formatDate(l.at, 'minute')}</td>
                <td>{l.actor}</td>
                <td>{l.reference ?? '—'}</td>
                <td className="num">{l.matches}</td>
                <td>{l.exportedTo === null ? 'No' : l.exportedTo === 'download' ? 'Downloaded' : l.exportedTo}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>No searches yet.</p>
        )}
      </Section>
    </div>
  );
}
