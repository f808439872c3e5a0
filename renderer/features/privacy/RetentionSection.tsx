import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { TextField } from '../../kit/form/fields';
import { Section } from '../../kit/page/Section';
import { EraseDialog } from './EraseDialog';

/** On an evidence item's page: when it comes up for review (its rule's date, or one set for it), and erasing it for good. */
export function RetentionSection({ evidenceId, after }: { evidenceId: string; after: string }) {
  const item = useApi('retention.item', { evidenceId });
  const set = useApiMutation('retention.setReviewDate');
  const toasts = useToasts();
  const [date, setDate] = useState('');
  const [erasing, setErasing] = useState(false);
  const navigate = useNavigate();
  const r = item.data;
  return (
    <Section id="retention-heading" title="Retention and erasure">
      <ErrorSummary error={item.error && item.error.code !== 'NOT_FOUND' ? item.error : null} />
      {r && (
        <>
          <p>
            {r.reviewOn ? (
              <>
                Due for review on <strong>{formatDate(r.reviewOn)}</strong>
                {r.overridden ? ' (set for this item)' : ' (by its sensitivity’s retention period)'}
                {r.due ? ': it is due now.' : '.'}
              </>
            ) : (
              'Kept until someone decides: its sensitivity has no retention period.'
            )}{' '}
            {r.lastDecision && `Last decision: ${r.lastDecision.decision === 'keep' ? 'kept' : 'anonymised'} on ${formatDate(r.lastDecision.at)} — ${r.lastDecision.reason}.`} <Link to="/privacy/retention">Retention periods and reviews</Link>
          </p>
          <div className="inline-form">
            <TextField type="date" label="Review on a different date" value={date} onChange={setDate} error={fieldError(set.error, 'reviewOn')} />
            <div className="button-row">
              <button type="button" className="button button--small" disabled={!date} onClick={() => set.mutate({ evidenceId, reviewOn: date }, { onSuccess: () => toasts.show(`Review date set to ${formatDate(date)}`) })}>
                Set review date
              </button>
              {r.overridden && (
                <button type="button" className="button button--small button--secondary" onClick={() => set.mutate({ evidenceId, reviewOn: null }, { onSuccess: () => toasts.show('Review date follows the retention period again') })}>
                  Use the retention period
                </button>
              )}
            </div>
          </div>
        </>
      )}
      <p>Deleting moves an item to the recycle bin, where it can be restored. When it must not be kept at all — a person asked, or its retention period ended — erase it: it goes from its history, the search, the files, and every snapshot taken from now on.</p>
      <button type="button" className="button button--danger" onClick={() => setErasing(true)}>
        Erase for good…
      </button>
      {erasing && (
        <EraseDialog
          id={evidenceId}
          open
          onClose={() => setErasing(false)}
          onErased={() => navigate(after)}
        />
      )}
    </Section>
  );
}
