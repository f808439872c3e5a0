import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary, Loading } from '../../components/Feedback';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { HypothesisForm, inputOf } from './HypothesisForm';
import { MoveStatus } from './MoveStatus';
import { StatusBadge } from './StatusBadge';
import { HistoryList } from './HistoryList';
import { useToasts } from '../../components/Toasts';
import { HypothesisEvidence } from '../evidence/HypothesisEvidence';

export function HypothesisPage() {
  const { id = '' } = useParams();
  const h = useApi('hypothesis.get', { id });
  const overview = useApi('pilot.overview', {});
  const statusHistory = useApi('hypothesis.statusHistory', { id });
  const update = useApiMutation('hypothesis.update');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useDeleteWithUndo('hypothesis.delete', 'hypotheses');
  const navigate = useNavigate();
  const toasts = useToasts();

  if (h.isPending || overview.isPending) return <Loading what="the hypothesis" />;
  if (h.error) {
    return (
      <div className="page">
        <ErrorSummary error={h.error} />
        <Link to="/hypotheses">Back to hypotheses</Link>
      </div>
    );
  }
  if (overview.error) return <ErrorSummary error={overview.error} />;
  const hyp = h.data;
  const o = overview.data;
  const theme = o.themes.find((t) => t.id === hyp.themeId)?.name;
  const owner = o.teamMembers.find((m) => m.id === hyp.ownerId)?.name;

  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/hypotheses">Hypotheses</Link></p>
      <h1>{hyp.statement}</h1>
      <div className="status-line">
        <span>Status: <StatusBadge status={hyp.status} /></span>
        <MoveStatus hypothesis={hyp} />
      </div>
      {editing ? (
        <HypothesisForm
          initial={hyp}
          overview={o}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            update.mutate({ id: hyp.id, rev: hyp.rev, patch: inputOf(v) }, {
              onSuccess: () => {
                setEditing(false);
                toasts.show('Changes saved');
              },
            })
          }
        />
      ) : (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className="details">
            <dt>Theme</dt><dd>{theme ?? '—'}</dd>
            <dt>Owner</dt><dd>{owner ?? '—'}</dd>
            <dt>Due</dt><dd>{formatDate(hyp.dueDate)}</dd>
            <dt>Confidence</dt><dd>{hyp.confidence ?? 'Not assessed'}</dd>
            <dt>Rationale</dt><dd className="prose">{hyp.rationale ?? '—'}</dd>
            <dt>Would be supported by</dt><dd className="prose">{hyp.supportCriteria ?? '—'}</dd>
            <dt>Would be refuted by</dt><dd className="prose">{hyp.refuteCriteria ?? '—'}</dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>Delete</button>
          </div>
          {deleteError && <p className="field__error" role="alert">{deleteError}</p>}
        </section>
      )}
      <HypothesisEvidence hypothesisId={hyp.id} />
      <section className="card" aria-labelledby="status-history-heading">
        <h2 id="status-history-heading">Status history</h2>
        <ol className="timeline">
          {(statusHistory.data ?? []).map((c, i) => (
            <li key={i}>
              <strong>{c.from ? `${HYPOTHESIS_STATUS_LABELS[c.from]} → ${HYPOTHESIS_STATUS_LABELS[c.to]}` : `Proposed`}</strong>{' '}
              by {c.actor}, {formatDateTime(c.at)}
              {c.note && <p className="muted">{c.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <HistoryList table="hypotheses" id={hyp.id} />
      <ConfirmDialog
        open={confirming}
        title="Delete this hypothesis?"
        confirmLabel="Delete hypothesis"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(hyp, hyp.statement).then((err) => {
            if (err) setDeleteError(err);
            else void navigate('/hypotheses');
          });
        }}
      >
        <p>It moves to the recycle bin, where it can be restored. Its history is kept.</p>
      </ConfirmDialog>
    </div>
  );
}
