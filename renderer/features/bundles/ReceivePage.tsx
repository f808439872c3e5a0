import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportResult } from '../../../shared/domain/bundles';
import { asCallError, CallError, callOrThrow, uploadFile } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { TextField } from '../../kit/form/fields';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { BundlesHeader } from './BundlesHeader';
import { MarkingBadge } from '../evidence/Badges';
import { countOf } from '../../kit/format/number';

const ACTION_LABEL = { add: 'New', update: 'Newer version', conflict: 'Conflict', unchanged: 'Unchanged' } as const;
const STATUS_TEXT = {
  verified: 'a verified partner',
  known: 'a partner in your directory, not yet verified by phone',
  changed: 'a partner in your directory WHOSE KEYS HAVE CHANGED since you added them',
  unknown: 'NOT in your partner directory',
} as const;

/** Senders whose bundles need an explicit, informed acceptance. */
const needsAccepting = (r: ImportResult) => r.sender.status === 'unknown' || r.sender.status === 'changed';

/** Import: choose the bundle and its signature → verified preview (sender, adds, updates, conflicts) → apply. */
export function ReceivePage() {
  const [bundle, setBundle] = useState<File | null>(null);
  const [signature, setSignature] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [uploads, setUploads] = useState<{ uploadId: string; signatureUploadId: string } | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<CallError | null>(null);
  const [accept, setAccept] = useState(false);
  const apply = useApiMutation('bundle.import');

  const reset = () => {
    setUploads(null);
    setPreview(null);
    setCheckError(null);
    setAccept(false);
    apply.reset();
  };

  async function check() {
    if (!bundle || !signature) return;
    setChecking(true);
    reset();
    try {
      const up = async (f: File) => {
        const r = await uploadFile(f);
        if (!r.ok) throw new CallError(r.error.code, r.error.message);
        return r.value.uploadId;
      };
      const ids = { uploadId: await up(bundle), signatureUploadId: await up(signature) };
      setUploads(ids);
      setPreview(await callOrThrow('bundle.inspect', { ...ids, passphrase: passphrase || undefined }));
    } catch (e) {
      setCheckError(asCallError(e));
    } finally {
      setChecking(false);
    }
  }

  const done = apply.data;
  return (
    <div className="page">
      <BundlesHeader title="Receive a bundle" />
      <Section id="choose-heading" title="1. Choose the files">
        <p>A bundle comes as two files: the bundle (<code>….age</code>) and its signature (<code>….age.minisig</code>). Nothing changes until you apply it.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
        >
          <div className="field">
            <label htmlFor="bundle-file">Bundle file</label>
            <input id="bundle-file" type="file" onChange={(e) => { setBundle(e.target.files?.[0] ?? null); reset(); }} />
          </div>
          <div className="field">
            <label htmlFor="signature-file">Signature file (.minisig)</label>
            <input id="signature-file" type="file" accept=".minisig" onChange={(e) => { setSignature(e.target.files?.[0] ?? null); reset(); }} />
          </div>
          <TextField label="Passphrase (only if the sender used one)" value={passphrase} onChange={(v) => { setPassphrase(v); reset(); }} />
          <ErrorSummary error={checkError} title="The bundle was refused" />
          <button type="submit" className="button" disabled={!bundle || !signature || checking}>
            {checking ? 'Checking…' : 'Check bundle'}
          </button>
        </form>
      </Section>

      {preview && !done && (
        <Section id="preview-heading" title="2. Check what it will change">
          <p className={needsAccepting(preview) ? 'warning' : undefined}>
            From <strong>{preview.sender.contactName ?? preview.sender.name}</strong>, {STATUS_TEXT[preview.sender.status]}.
            <br />
            Fingerprint <code className="fingerprint">{preview.sender.fingerprintGrouped}</code>
            <br />
            Made {formatDate(preview.createdAt, 'minute')}; signatures and contents checked.
            <br />
            Marked <MarkingBadge value={preview.marking} />
            {preview.marking === 'OFFICIAL-SENSITIVE' ? ': handle what it holds as OFFICIAL-SENSITIVE once imported.' : '.'}
          </p>
          {preview.alreadyImported ? (
            <p role="status">This bundle has been imported already. Importing it again would change nothing.</p>
          ) : (
            <>
              <ul className="tiles tiles--compact" aria-label="Changes">
                <li className="tile tile--static"><span className="tile__figure">{preview.added}</span> to add</li>
                <li className="tile tile--static"><span className="tile__figure">{preview.updated}</span> to update</li>
                <li className={`tile tile--static${preview.conflicts ? ' tile--warn' : ''}`}><span className="tile__figure">{preview.conflicts}</span> conflicts</li>
                <li className="tile tile--static"><span className="tile__figure">{preview.unchanged}</span> unchanged</li>
              </ul>
              <ChangeList result={preview} />
              {preview.setAside.length > 0 && (
                <p>
                  It was made by a newer version of the workbench. Details this version does not know will be left out:{' '}
                  {preview.setAside.map((s) => `${s.noun} (${s.fields.join(', ')})`).join('; ')}.
                </p>
              )}
              {preview.sender.status === 'changed' && (
                <p className="warning" role="alert">
                  This bundle is signed with the key you hold for {preview.sender.contactName}, but it names a different encryption key: their keys have changed,
                  or someone has tampered with them. Ask them for their new contact card and compare the fingerprint by phone before going on. Importing marks them
                  not verified until you do.
                </p>
              )}
              {needsAccepting(preview) && (
                <div className="checkbox-single">
                  <input type="checkbox" id="accept-unknown" checked={accept} onChange={(e) => setAccept(e.target.checked)} />
                  <label htmlFor="accept-unknown">I have compared this fingerprint with the sender by phone and accept bundles from them</label>
                </div>
              )}
              <ErrorSummary error={apply.error} />
              <button
                type="button"
                className="button"
                disabled={apply.isPending || (needsAccepting(preview) && !accept)}
                onClick={() => uploads && apply.mutate({ ...uploads, passphrase: passphrase || undefined, acceptUnknownSender: accept })}
              >
                {apply.isPending ? 'Applying…' : 'Apply bundle'}
              </button>
            </>
          )}
        </Section>
      )}

      {done && (
        <Section id="applied-heading" title="Bundle applied" role="status">
          <p>
            Added {done.added}, updated {done.updated}, {countOf(done.conflicts, 'conflict')} kept for you to resolve, {done.unchanged} unchanged. A snapshot of your data was taken first.
          </p>
          {done.conflicts > 0 && (
            <p>
              <Link to="/bundles/conflicts" className="button">Resolve conflicts</Link>
            </p>
          )}
        </Section>
      )}
    </div>
  );
}

function ChangeList({ result }: { result: ImportResult }) {
  const changes = result.items.filter((i) => i.action !== 'unchanged');
  if (changes.length === 0) return <p>Nothing in it differs from what you already have.</p>;
  return (
    <DataTable caption="Records the bundle changes" hideCaption columns={['Change', 'Kind', 'Record']}>
      {changes.map((i) => (
        <tr key={`${i.table}:${i.id}`}>
          <td>{ACTION_LABEL[i.action]}</td>
          <td>{i.noun}</td>
          <td>{i.label}</td>
        </tr>
      ))}
    </DataTable>
  );
}
