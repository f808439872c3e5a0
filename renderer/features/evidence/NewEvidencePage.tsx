import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AchRating, LinkWeight } from '../../../shared/domain/evidence';
import { useQueryClient } from '@tanstack/react-query';
import { callOrThrow, type CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useToasts } from '../../kit/feedback/Toasts';
import { countOf, formatBytes } from '../../kit/format/number';
import { EvidenceForm, emptyValues, type EvidenceFormInput } from './EvidenceForm';
import { FileChooser, useFileDrop } from './FileDrop';
import { sendFiles } from './sendFiles';
import { SelectField } from '../../kit/form/fields';
import { RATING_OPTIONS, WEIGHT_OPTIONS } from './labels';

export function NewEvidencePage() {
  const overview = useApi('pilot.overview', {});
  const organisations = useApi('organisation.list', {});
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<CallError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const toasts = useToasts();
  const addFiles = (more: File[]) => setFiles((old) => [...old, ...more]);
  // Opened from a hypothesis's page: the new item is linked to it with the rating chosen here.
  const [params] = useSearchParams();
  const hypothesisId = params.get('hypothesisId');
  const hypothesis = useApi('hypothesis.get', { id: hypothesisId ?? '' }, { enabled: Boolean(hypothesisId) });
  const [rating, setRating] = useState<AchRating>('C');
  const [credibility, setCredibility] = useState<LinkWeight>('medium');
  const [relevance, setRelevance] = useState<LinkWeight>('medium');
  const { over, dropProps } = useFileDrop(addFiles);

  const submit = async (input: EvidenceFormInput) => {
    setError(null);
    try {
      setStatus(files.length ? `Sending ${countOf(files.length, 'file')}…` : 'Saving…');
      const uploadIds = await sendFiles(files, (n) => setStatus(`Sent ${n} of ${countOf(files.length, 'file')}…`));
      setStatus('Saving…');
      const item = await callOrThrow('evidence.add', { ...input, uploadIds });
      if (hypothesis.data) {
        await callOrThrow('evidence.link', { evidenceId: item.id, hypothesisId: hypothesis.data.id, rating, credibility, relevance, note: null });
      }
      await qc.invalidateQueries();
      toasts.show(hypothesis.data ? `Added "${item.title}" and linked it to the hypothesis` : `Added "${item.title}"`, undefined, { survives: 1 });
      void navigate(hypothesis.data ? `/hypotheses/${hypothesis.data.id}` : `/evidence/${item.id}`);
    } catch (e) {
      setError(e as CallError);
      setStatus(null);
    }
  };

  return (
    <div className="page" {...dropProps}>
      <p className="breadcrumb"><Link to="/evidence">Evidence</Link></p>
      <h1>Add evidence</h1>
      <EvidenceForm
        initial={emptyValues}
        overview={overview.data}
        organisations={organisations.data ?? []}
        error={error}
        pending={status !== null}
        submitLabel="Add evidence"
        onSubmit={(input) => void submit(input)}
      >
        <FileChooser label="Attachments" hint="Choose files, or drop them anywhere on this page. Any type and size: PDFs, spreadsheets, photos, audio." over={over} onFiles={addFiles} disabled={status !== null}>
          {files.length > 0 && (
            <ul className="file-list" aria-label="Files to attach">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  <span>{f.name}</span>
                  <span className="muted">{formatBytes(f.size)}</span>
                  <button type="button" className="button button--small button--secondary" onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}>
                    Remove<span className="visually-hidden"> {f.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </FileChooser>
        {hypothesis.data && (
          <fieldset className="field">
            <legend>Linked to the hypothesis “{hypothesis.data.statement}”</legend>
            <div className="field-row">
              <SelectField label="Rating" value={rating} onChange={(v) => setRating(v as AchRating)} options={RATING_OPTIONS} />
              <SelectField label="Credibility" value={credibility} onChange={(v) => setCredibility(v as LinkWeight)} options={WEIGHT_OPTIONS} />
              <SelectField label="Relevance" value={relevance} onChange={(v) => setRelevance(v as LinkWeight)} options={WEIGHT_OPTIONS} />
            </div>
          </fieldset>
        )}
        {status && <p role="status">{status}</p>}
      </EvidenceForm>
    </div>
  );
}
