import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import { LEARNING_KIND_LABELS } from '../../../shared/domain/learning';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';
import { HistoryList } from '../hypotheses/HistoryList';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { SensitivityBadge } from './Choices';
import { LearningForm } from './LearningForm';

export function LearningEntryPage() {
  const { id = '' } = useParams();
  const entry = useApi('learning.get', { id });
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const hypotheses = useApi('hypothesis.list', {});
  const update = useApiMutation('learning.update');
  const remove = useDeleteWithUndo('learning.delete', 'learningEntries');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const navigate = useNavigate();
  const toasts = useToasts();

  if (entry.isPending) return <Loading what="the entry" />;
  if (entry.error) {
    return (
      <div className="page">
        <ErrorSummary error={entry.error} />
        <Link to="/learning">Back to the learning log</Link>
      </div>
    );
  }
  const e = entry.data;
  const theme = overview.data?.themes.find((t) => t.id === e.themeId)?.name;
  const barrierNames = e.barrierIds.map((b) => barriers.data?.find((x) => x.id === b)?.name ?? 'A deleted barrier');
  const linked = e.hypothesisIds.map((h) => hypotheses.data?.find((x) => x.id === h)).filter((h) => h !== undefined);
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/learning">Learning log</Link></p>
      <h1>{e.title}</h1>
      <p className="status-line">
        <span className={`badge badge--kind-${e.kind}`}>{LEARNING_KIND_LABELS[e.kind]}</span>
        <span>{formatDate(e.occurredOn)}</span>
        {e.author && <span>by {e.author}</span>}
        <SensitivityBadge value={e.sensitivity} />
      </p>
      {editing ? (
        <LearningForm
          initial={e}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(input) =>
            update.mutate({ id: e.id, rev: e.rev, patch: input }, {
              onSuccess: () => {
                setEditing(false);
                toasts.show('Changes saved; the earlier version is kept in the history');
              },
            })
          }
        />
      ) : (
        <section className="card" aria-labelledby="entry-details">
          <h2 id="entry-details">What happened</h2>
          <dl className="details">
            <dt>What happened</dt><dd className="prose">{e.whatHappened ?? '—'}</dd>
            <dt>Why</dt><dd className="prose">{e.why ?? '—'}</dd>
            <dt>What we would do differently</dt><dd className="prose">{e.doDifferently ?? '—'}</dd>
            <dt>Barriers</dt><dd>{barrierNames.length ? barrierNames.join('; ') : 'None tagged'}</dd>
            <dt>Theme</dt><dd>{theme ?? '—'}</dd>
            <dt>Hypotheses</dt>
            <dd>
              {linked.length ? (
                <ul className="plain-list">{linked.map((h) => <li key={h.id}><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></li>)}</ul>
              ) : 'None linked'}
            </dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>Delete</button>
          </div>
          {deleteError && <p className="field__error" role="alert">{deleteError}</p>}
        </section>
      )}
      <HistoryList table="learningEntries" id={e.id} />
      <ConfirmDialog
        open={confirming}
        title="Delete this entry?"
        confirmLabel="Delete entry"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(e, e.title).then((err) => {
            if (err) setDeleteError(err);
            else void navigate('/learning');
          });
        }}
      >
        <p>It moves to the recycle bin, where it can be restored with its history. Nothing is lost.</p>
      </ConfirmDialog>
    </div>
  );
}
