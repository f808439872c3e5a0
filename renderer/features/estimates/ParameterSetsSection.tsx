import { useState } from 'react';
import type { ParameterSetPreview } from '../../../shared/contract/estimates';
import type { ParameterSetView } from '../../../shared/domain/estimates';
import { callOrThrow, CallError, uploadFile } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { SetFigures } from './SetFigures';

const grouped = (fp: string) => fp.replace(/(.{4})(?=.)/g, '$1 ');

/** One set's figures, each with its source, folded away. */
function SetDetails({ set }: { set: ParameterSetView }) {
  return (
    <details>
      <summary>
        Figures and sources<span className="visually-hidden"> of {set.content.name}</span>
      </summary>
      <SetFigures set={set.content} sha256={set.sha256} />
    </details>
  );
}

/** The parameter sets the workbench holds, and importing a signed one from a file. */
export function ParameterSetsSection() {
  const sets = useApi('parameterSet.list', {});
  const remove = useApiMutation('parameterSet.delete');
  const importSet = useApiMutation('parameterSet.import');
  const [files, setFiles] = useState<{ set?: File; signature?: File }>({});
  const [preview, setPreview] = useState<ParameterSetPreview | null>(null);
  const [accept, setAccept] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Sends the two files (again for the import: the workbench keeps no copy of a preview). */
  const send = async () => {
    const [a, b] = await Promise.all([uploadFile(files.set!), uploadFile(files.signature!)]);
    if (!a.ok) throw new CallError(a.error.code, a.error.message);
    if (!b.ok) throw new CallError(b.error.code, b.error.message);
    return { uploadId: a.value.uploadId, signatureUploadId: b.value.uploadId };
  };

  const check = async () => {
    if (!files.set || !files.signature) return;
    setBusy(true);
    setError(null);
    setDone(null);
    setPreview(null);
    try {
      setPreview(await callOrThrow('parameterSet.preview', await send()));
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="parameter-sets-heading" title="Parameter sets">
      <p className="muted">
        The published figures estimates are made with: discount schedules, the optimism-bias table and values per unit, each with its source. An estimate keeps the set it was
        made with, so adding a newer set never changes an old estimate. New sets come as a file with its signature from whoever issued them; they are checked before use.
      </p>
      <ErrorSummary error={sets.error ?? remove.error} />
      <DataTable className="table table--compact" caption="Parameter sets" hideCaption columns={['Set', 'Issued by', 'Signed by', { label: 'Estimates using it', num: true }, { label: 'Actions', hidden: true }]}>
        {(sets.data ?? []).map((s) => (
          <tr key={s.id}>
            <td>
              <strong>{s.content.name}</strong> <span className="muted">({s.id})</span>
              <SetDetails set={s} />
            </td>
            <td>
              {s.content.issuer}, {s.content.edition}
            </td>
            <td>{s.builtIn ? 'Built into the workbench' : <code>{grouped(s.signer!.fingerprint).slice(0, 39)}…</code>}</td>
            <td className="num">{s.usedBy}</td>
            <td className="table__actions">
              {!s.builtIn && s.usedBy === 0 && (
                <button type="button" className="button button--small button--secondary" onClick={() => remove.mutate({ id: s.id })}>
                  Remove<span className="visually-hidden"> {s.content.name}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <h3>Import a parameter set</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor="parameter-set-file">Parameter-set file (JSON)</label>
          <input id="parameter-set-file" type="file" accept=".json,application/json" disabled={busy} onChange={(e) => setFiles((f) => ({ ...f, set: e.target.files?.[0] }))} />
        </div>
        <div className="field">
          <label htmlFor="parameter-set-signature">Its signature (.minisig)</label>
          <input id="parameter-set-signature" type="file" accept=".minisig" disabled={busy} onChange={(e) => setFiles((f) => ({ ...f, signature: e.target.files?.[0] }))} />
        </div>
        <button type="button" className="button button--secondary" disabled={busy || !files.set || !files.signature} onClick={() => void check()}>
          Check the set
        </button>
      </div>
      <ErrorSummary error={error ?? importSet.error} />
      {done && <p role="status">{done}</p>}
      {preview && (
        <div className="card card--inner">
          <p role="status">
            {preview.content.name} ({preview.content.id}), issued by {preview.content.issuer} ({preview.content.edition}): the signature is valid.
            {preview.status === 'same' && ' This exact set is already here; importing it again changes nothing.'}
          </p>
          <p>
            Signed with the key whose fingerprint is <code>{preview.signer.fingerprintGrouped}</code>
            {preview.knownSigner ? ', which signed a set already imported here.' : '. This key has not signed a set here before.'}
          </p>
          {!preview.knownSigner && (
            <CheckboxField label={`I have checked this fingerprint with ${preview.content.issuer}`} checked={accept} onChange={setAccept} />
          )}
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={busy || importSet.isPending || (!preview.knownSigner && !accept)}
              onClick={() => {
                setBusy(true);
                void send()
                  .then((ids) => importSet.mutateAsync({ ...ids, acceptSigner: accept }))
                  .then((v) => {
                    setDone(`Imported ${v.content.name}.`);
                    setPreview(null);
                    setAccept(false);
                  })
                  .catch((e: unknown) => {
                    setPreview(null);
                    if (e instanceof CallError) setError(e);
                  })
                  .finally(() => setBusy(false));
              }}
            >
              Import {preview.content.name}
            </button>
          </div>
        </div>
      )}
    </Section>
  );
}
