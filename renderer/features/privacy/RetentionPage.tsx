import { useState } from 'react';
import { Link } from 'react-router';
import { SENSITIVITIES, SENSITIVITY_LABELS } from '../../../shared/domain/evidence';
import type { RetentionItem, RetentionRule } from '../../../shared/domain/privacy';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { ListState } from '../../kit/list/ListState';
import { Section } from '../../kit/page/Section';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { PrivacyHeader } from './PrivacyHeader';

const SOURCE_LABELS: Record<RetentionRule['source'], string> = { team: 'Set by the team', policy: 'Set by your IT department', default: 'Default' };

function RuleRow({ rule }: { rule: RetentionRule }) {
  const save = useApiMutation('retention.setRule');
  const toasts = useToasts();
  const [months, setMonths] = useState(rule.months === null ? '' : String(rule.months));
  const label = SENSITIVITY_LABELS[rule.sensitivity];
  const id = `months-${rule.sensitivity}`;
  return (
    <tr>
      <th scope="row">
        <label htmlFor={id}>{label}</label>
      </th>
      <td>
        <input id={id} type="number" min="0" max="1200" step="1" inputMode="numeric" value={months} placeholder="Kept" aria-describedby="months-hint" onChange={(e) => setMonths(e.target.value)} />
      </td>
      <td>{SOURCE_LABELS[rule.source]}</td>
      <td className="table__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={`Save the retention period for ${label.toLowerCase()}`}
          onClick={() => save.mutate({ sensitivity: rule.sensitivity, months: months.trim() === '' ? null : Number(months) }, { onSuccess: () => toasts.show(`Retention for ${label.toLowerCase()} saved`) })}
        >
          Save
        </button>
        {save.error && (
          <p className="field__error" role="alert">
            {save.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

/** `sortParam`: each of the page's two tables keeps its own sort in the URL. */
function ItemTable({ caption, items, decide, sortParam }: { caption: string; items: RetentionItem[]; decide(item: RetentionItem, d: Decision): void; sortParam: string }) {
  const sort = useSort<RetentionItem>(
    { title: (i) => i.title, sensitivity: (i) => SENSITIVITIES.indexOf(i.sensitivity), reviewOn: (i) => i.reviewOn, decision: (i) => i.lastDecision?.decision },
    { param: sortParam },
  );
  return (
    <DataTable caption={caption} hideCaption sorting={sort} columns={[...sortable(['Item', 'title'], ['Sensitivity', 'sensitivity'], ['Review on', 'reviewOn'], ['Last decision', 'decision']), { label: 'Actions', hidden: true }]}>
      {sort.apply(items).map((i) => (
        <tr key={i.evidenceId}>
          <td>
            <Link to={`/evidence/${i.evidenceId}`}>{i.title}</Link>
          </td>
          <td>{SENSITIVITY_LABELS[i.sensitivity]}</td>
          <td>
            {formatDate(i.reviewOn)}
            {i.overridden ? ' (set by hand)' : ''}
          </td>
          <td>{i.lastDecision ? `${i.lastDecision.decision === 'keep' ? 'Kept' : 'Anonymised'}: ${i.lastDecision.reason}` : '—'}</td>
          <td className="table__actions">
            <button type="button" className="button button--small" aria-label={`Keep ${i.title}`} onClick={() => decide(i, 'keep')}>
              Keep…
            </button>{' '}
            <button type="button" className="button button--small button--secondary" aria-label={`Anonymise ${i.title}`} onClick={() => decide(i, 'anonymise')}>
              Anonymise…
            </button>{' '}
            <button type="button" className="button button--small button--danger" aria-label={`Erase ${i.title}`} onClick={() => decide(i, 'erase')}>
              Erase…
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function RetentionPage() {
  const overview = useApi('retention.overview', {});
  const [deciding, setDeciding] = useState<{ item: RetentionItem; decision: Decision } | null>(null);
  const o = overview.data;
  const decide = (item: RetentionItem, decision: Decision) => setDeciding({ item, decision });
  return (
    <div className="page">
      <PrivacyHeader title="Retention" />
      <p className="lead">
        How long evidence is kept after the pilot ends{o ? ` (${o.pilotEnds ? formatDate(o.pilotEnds) : 'no report deadline set yet: each item counts from the day it was added'})` : ''}. When an item’s review date comes, the team keeps it with a reason, anonymises it, or erases it.
      </p>
      <ErrorSummary error={overview.error} />
      {o && (
        <>
          <Section id="rules-heading" title="Retention periods">
            <p id="months-hint" className="field__hint">
              Months after the pilot ends, per sensitivity. Leave empty to keep items until someone decides.
            </p>
            <DataTable caption="Retention periods" hideCaption columns={['Sensitivity', 'Months', 'Set by', { label: 'Actions', hidden: true }]}>
              {o.rules.map((r) => (
                <RuleRow key={`${r.sensitivity}:${r.months}:${r.source}`} rule={r} />
              ))}
            </DataTable>
          </Section>
          <Section id="due-heading" title={`Due for review (${o.due.length})`}>
            <ListState query={{ data: o.due, isPending: false, error: null }} what="items due" empty={<EmptyState level={3} title="Nothing is due for review" />}>
              {(items) => <ItemTable caption="Due for review" items={items} decide={decide} sortParam="dueSort" />}
            </ListState>
          </Section>
          <Section id="upcoming-heading" title={`Coming up in the next 90 days (${o.upcoming.length})`}>
            <ListState query={{ data: o.upcoming, isPending: false, error: null }} what="items coming up" empty={<EmptyState level={3} title="Nothing comes up for review in the next 90 days" />}>
              {(items) => <ItemTable caption="Coming up for review" items={items} decide={decide} sortParam="upcomingSort" />}
            </ListState>
          </Section>
        </>
      )}
      {deciding && <DecisionDialog item={deciding.item} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </div>
  );
}
