import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';
import { HistoryList } from '../hypotheses/HistoryList';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { AttachmentsSection, useAttach } from './AttachmentsSection';
import { CitizenBadge, KindLabel, SensitivityBadge } from './Badges';
import { EvidenceForm, inputOf, valuesOf } from './EvidenceForm';
import { useFileDrop } from './FileDrop';
import { LinksSection } from './LinksSection';

export function EvidencePage() {
  const { id = '' } = useParams();
  const item = useApi('evidence.get', { id });
  const overview = useApi('pilot.overview', {});
  const organisations = useApi('organisation.list', {});
  const update = useApiMutation('evidence.update');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = useDeleteWithUndo('evidence.delete', 'evidenceItems');
  const navigate = useNavigate();
  const toasts = useToasts();
  const attach = useAttach(id);
  const { over, dropProps } = useFileDrop((files) => void attach.attach(files));

  if (item.isPending) return <Loading what="the evidence" />;
  if (item.error) {
    return (
      <div className="page">
        <ErrorSummary error={item.error} />
        <Link to="/evidence">Back to evidence</Link>
      </div>
    );
  }
  const e = item.data;
  const orgName = organisations.data?.find((o) => o.id === e.organisationId)?.name;
  const themeName = overview.data?.themes.find((t) => t.id === e.themeId)?.name;

  return (
    <div className="page" {...dropProps}>
      <p className="breadcrumb"><Link to="/evidence">Evidence</Link></p>
      <h1>{e.title}</h1>
      <div className="status-line">
        <KindLabel kind={e.kind} />
        <SensitivityBadge value={e.sensitivity} />
        <CitizenBadge show={e.citizenPerspective} />
      </div>
      {editing ? (
        <EvidenceForm
          initial={valuesOf(e)}
          overview={overview.data}
          organisations={organisations.data ?? []}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            update.mutate(
              { id: e.id, rev: e.rev, patch: inputOf(v) },
              {
                onSuccess: () => {
                  setEditing(false);
                  toasts.show('Changes saved');
                },
              },
            )
          }
        />
      ) : (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className="details">
            <dt>Summary</dt><dd className="prose">{e.summary ?? '—'}</dd>
            <dt>Source</dt><dd>{e.source ?? '—'}</dd>
            <dt>Organisation</dt><dd>{orgName ?? '—'}</dd>
            <dt>Theme</dt><dd>{themeName ?? '—'}</dd>
            <dt>Date observed</dt><dd>{formatDate(e.observedOn)}</dd>
            <dt>Date reported</dt><dd>{formatDate(e.reportedOn)}</dd>
            <dt>Collected by</dt><dd>{e.collectedBy ?? '—'}</dd>
            <dt>Tags</dt><dd>{e.tags.length ? e.tags.join(', ') : '—'}</dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>Delete</button>
          </div>
          {deleteError && <p className="field__error" role="alert">{deleteError}</p>}
        </section>
      )}
      <LinksSection item={e} />
      <AttachmentsSection attachments={e.attachments} over={over} attach={attach} />
      <HistoryList table="evidenceItems" id={e.id} />
      <ConfirmDialog
        open={confirming}
        title="Delete this evidence?"
        confirmLabel="Delete evidence"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(e, e.title).then((err) => {
            if (err) setDeleteError(err);
            else void navigate('/evidence');
          });
        }}
      >
        <p>It moves to the recycle bin with its files and links, and can be restored from there.</p>
      </ConfirmDialog>
    </div>
  );
}
