import { useState } from 'react';
import { Link } from 'react-router';
import type { BenefitView } from '../../../shared/domain/learning';
import { formatDate } from '../../kit/format/date';
import { formatMoney } from '../../kit/format/money';
import { DataTable } from '../../kit/list/DataTable';
import { DetailList } from '../../kit/record/DetailList';
import { HistoryList } from '../../kit/record/HistoryList';
import { RecordActions } from '../../kit/record/RecordActions';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { useRecordDeletion } from '../../kit/record/useRecordDeletion';
import { StaleEditNotice } from '../../kit/record/StaleEditNotice';
import { EditBenefitForm, RealisationForm, useBenefitUpdate } from './BenefitForm';

const WHOLE = { whole: true };

/** One benefit in the register: its figures, what has been realised, and its history. */
export function BenefitCard({ benefit: b }: { benefit: BenefitView }) {
  const [editing, setEditing] = useState(false);
  const update = useBenefitUpdate(b);
  // No question first: the register is a working list, and Undo is in the toast.
  const deletion = useRecordDeletion({ method: 'benefit.delete', table: 'benefits', record: b, label: b.title });
  const removeRealisation = useDeleteWithUndo('realisation.delete', 'benefitRealisations');
  const gap = b.expectedToDatePence === null ? null : b.realisedToDatePence - b.expectedToDatePence;
  return (
    <article className="card" aria-labelledby={`benefit-${b.id}`}>
      <h3 id={`benefit-${b.id}`}>{b.title}</h3>
      <DetailList
        items={[
          { label: 'Owner', value: [b.owner, b.organisationName].filter(Boolean).join(', ') || null },
          { label: 'Measure', value: b.measure },
          { label: 'Target', value: b.target },
          { label: 'Full-year value', value: `${formatMoney(b.fullYearPence, WHOLE)} ${b.cashReleasing ? '(cash-releasing)' : '(not cash-releasing)'}` },
          {
            label: 'Figures from',
            value: b.estimate ? (
              b.estimate.found ? (
                <>The estimate <Link to={`/estimates/${b.interventionId}`}>{b.estimate.name}</Link>, kept in step with it</>
              ) : (
                'An estimate no longer here (it may be in the recycle bin): the figures are as last saved'
              )
            ) : (
              'Typed in: link an estimate (Edit) to take its figures'
            ),
          },
          { label: 'Starts', value: formatDate(b.startsOn) },
          { label: 'Expected to date', value: b.expectedToDatePence === null ? 'Give a start date to compare' : formatMoney(b.expectedToDatePence, WHOLE) },
          {
            label: 'Realised to date',
            value: (
              <>
                {formatMoney(b.realisedToDatePence, WHOLE)}
                {gap !== null && gap !== 0 && <span className={gap < 0 ? 'shortfall' : 'ahead'}> ({gap < 0 ? `${formatMoney(-gap, WHOLE)} behind` : `${formatMoney(gap, WHOLE)} ahead`})</span>}
              </>
            ),
          },
        ]}
      />
      {b.realisations.length > 0 && (
        <DataTable caption="Realisations" columns={['Date', { label: 'Amount', num: true }, 'Note', { label: 'Actions', hidden: true }]}>
          {b.realisations.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.realisedOn)}</td>
              <td className="num">{formatMoney(r.realisedPence)}</td>
              <td>{r.note ?? '—'}</td>
              <td className="table__actions">
                <button type="button" className="button button--small button--secondary" aria-label={`Delete the realisation of ${formatDate(r.realisedOn)}`} onClick={() => void removeRealisation(r, `${formatMoney(r.realisedPence, WHOLE)} on ${formatDate(r.realisedOn)}`)}>Delete</button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <RealisationForm benefit={b} />
      {editing ? (
        <>
          <StaleEditNotice stale={update.stale} kept={update.kept !== null} onKeep={update.keepMine} onDiscard={update.discardMine} />
          <EditBenefitForm key={`${b.rev}${update.kept ? ':kept' : ''}`} benefit={b} update={update} onDone={() => setEditing(false)} />
        </>
      ) : (
        <RecordActions compact onEdit={() => setEditing(true)} onDelete={deletion.request} editLabel={`Edit benefit ${b.title}`} deleteLabel={`Delete benefit ${b.title}`} deleteText="Delete benefit" />
      )}
      <HistoryList table={deletion.table} id={b.id} />
    </article>
  );
}
