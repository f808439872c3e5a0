import { useMemo, useState } from 'react';
import { AgreementStatus } from './Agreement';
import { MarkingBadge } from '../evidence/Badges';
import { Link } from 'react-router';
import { BUNDLE_SCOPES, BUNDLE_SCOPE_LABELS, unverifiedRecipientWarning, type BundleScope, type SensitiveItem } from '../../../shared/domain/bundles';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError, Loading } from '../../kit/feedback/Feedback';
import { TextArea, TextField } from '../../kit/form/fields';
import { countOf, formatBytes } from '../../kit/format/number';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { BundlesHeader } from './BundlesHeader';
import { SensitivityDecisions, type Decisions } from './SensitivityDecisions';

/** The export wizard: what, for whom, which sensitive items (with reasons), a preview, then the file. */
export function SendPage() {
  const [scope, setScope] = useState<BundleScope[]>(['setup', 'hypotheses', 'evidence', 'estimates', 'learning']);
  const [to, setTo] = useState<string[]>([]);
  const [usePassphrase, setUsePassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [decisions, setDecisions] = useState<Decisions>({});
  const contacts = useApi('contact.list', {});
  // Central policy: IT may require bundles to be encrypted to named partners only.
  const passphraseForbidden = useApi('system.policy', {}).data?.values.forbidPassphraseOnlyBundles === true;
  const include = useMemo(
    () => Object.entries(decisions).filter(([, d]) => d.include && d.reason.trim().length >= 5).map(([key, d]) => ({ table: key.split(':')[0]!, id: key.split(':')[1]!, reason: d.reason.trim() })),
    [decisions],
  );
  const preview = useApi('bundle.previewExport', { scope, include, to: usePassphrase ? [] : to }, { enabled: scope.length > 0 });
  const [redactText, setRedactText] = useState('');
  // One name or identifier per line.
  const redact = redactText.split('\n').map((s) => s.trim()).filter(Boolean);
  const exp = useApiMutation('bundle.export');
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const sensitive: SensitiveItem[] = [...(preview.data?.withheld ?? []), ...(preview.data?.included ?? [])].filter((w) => w.why === 'sensitivity');
  const incomplete = Object.values(decisions).some((d) => d.include && d.reason.trim().length < 5);
  // The same warning `tpw bundle export --to` prints: sending is allowed, but the risk is said plainly.
  const unverified = (contacts.data ?? []).filter((c) => to.includes(c.id)).map(unverifiedRecipientWarning).filter((w): w is string => w !== null);

  return (
    <div className="page">
      <BundlesHeader title="Send a bundle" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          exp.mutate({ scope, include, to: usePassphrase ? [] : to, passphrase: usePassphrase ? passphrase : undefined, redact });
        }}
      >
        <Section id="scope-heading" title="1. What to send">
          <fieldset className="field">
            <legend>Include</legend>
            <ul className="checkbox-list">
              {BUNDLE_SCOPES.map((s) => (
                <li key={s}>
                  <input type="checkbox" id={`scope-${s}`} checked={scope.includes(s)} onChange={() => setScope(toggle(scope, s))} />
                  <label htmlFor={`scope-${s}`}>{BUNDLE_SCOPE_LABELS[s]}</label>
                </li>
              ))}
            </ul>
            <p className="field__hint">Records these refer to (a hypothesis's theme, an item's organisation) travel with them. Your own pilot details never do.</p>
          </fieldset>
        </Section>

        <Section id="to-heading" title="2. Who it is for">
          <ErrorSummary error={contacts.error} />
          <fieldset className="field">
            <legend>Encrypt to</legend>
            <div className="radio">
              <input type="radio" id="to-partners" name="to-kind" checked={!usePassphrase} onChange={() => setUsePassphrase(false)} />
              <label htmlFor="to-partners">Chosen partners (their keys)</label>
            </div>
            <div className="radio">
              <input type="radio" id="to-passphrase" name="to-kind" checked={usePassphrase && !passphraseForbidden} disabled={passphraseForbidden} onChange={() => setUsePassphrase(true)} />
              <label htmlFor="to-passphrase">
                A passphrase (tell it to them by phone, never in the same email){passphraseForbidden && ' — not allowed by your IT department'}
              </label>
            </div>
          </fieldset>
          {!usePassphrase &&
            (contacts.data && contacts.data.length === 0 ? (
              <EmptyState level={3} title="No partners to send to">
                <p>
                  <Link to="/bundles/partners">Add a partner</Link> from their contact card first, or use a passphrase.
                </p>
              </EmptyState>
            ) : (
              <fieldset className="field">
                <legend>Partners</legend>
                {fieldError(exp.error, 'to') && <p className="field__error">{fieldError(exp.error, 'to')}</p>}
                <ul className="checkbox-list">
                  {(contacts.data ?? []).map((c) => (
                    <li key={c.id}>
                      <input type="checkbox" id={`to-${c.id}`} checked={to.includes(c.id)} onChange={() => setTo(toggle(to, c.id))} />
                      <label htmlFor={`to-${c.id}`}>
                        {c.name} {c.verifiedAt ? '(verified)' : c.unverifiedReason ? '(NOT verified: compare their fingerprint again before sending — see Partners)' : '(not verified yet)'}
                      </label>{' '}
                      <AgreementStatus c={c} />
                    </li>
                  ))}
                </ul>
                {unverified.length > 0 && (
                  <div className="warning" role="alert">
                    {unverified.map((w) => (
                      <p key={w}>{w}</p>
                    ))}
                    <p>
                      <Link to="/bundles/partners">Compare fingerprints on the Partners page</Link>. You can still send.
                    </p>
                  </div>
                )}
              </fieldset>
            ))}
          {usePassphrase && (
            <TextField label="Passphrase" hint="At least 10 characters; four or five random words is best." value={passphrase} onChange={setPassphrase} error={fieldError(exp.error, 'passphrase')} />
          )}
        </Section>

        <Section id="preview-heading" title="3. What will leave">
          {scope.length === 0 && <p>Choose at least one thing to send.</p>}
          {preview.isLoading && <Loading what="the preview" />}
          <ErrorSummary error={preview.error} />
          {preview.data && (
            <>
              <p>
                <strong>{preview.data.records}</strong> records and <strong>{preview.data.attachments}</strong> attachments ({formatBytes(preview.data.attachmentBytes, { kbDigits: 1 })}).
              </p>
              {preview.data.tables.length > 0 && (
                <DataTable caption="Records in the bundle by kind" hideCaption columns={['Kind', 'Records', 'Of which deletions']}>
                  {preview.data.tables.map((t) => (
                    <tr key={t.table}>
                      <td>{t.noun}</td>
                      <td>{t.count}</td>
                      <td>{t.deleted}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <p>
                Security marking of the bundle: <MarkingBadge value={preview.data.marking} /> <span className="muted">(the highest of what it carries)</span>
              </p>
              <SensitivityDecisions items={sensitive} decisions={decisions} onChange={setDecisions} />
              {preview.data.refusals.length > 0 && (
                <div className="warning" role="alert">
                  <h3>This cannot be sent as it is</h3>
                  {preview.data.refusals.map((r) => (
                    <p key={r.contactId}>{r.reason}</p>
                  ))}
                  <p>
                    <Link to="/bundles/partners">Record or renew the agreement on the Partners page</Link>.
                  </p>
                </div>
              )}
              {preview.data.withheld.some((w) => w.why === 'refers-to-withheld') && (
                <p className="muted">
                  Also staying here because they belong to a withheld item: {preview.data.withheld.filter((w) => w.why === 'refers-to-withheld').map((w) => `${w.noun.toLowerCase()} "${w.label}"`).join(', ')}.
                </p>
              )}
            </>
          )}
        </Section>

        <Section id="redact-heading" title="4. Redact names (optional)">
          <TextArea
            label="Names or identifiers to redact"
            hint="One per line. Each is replaced in every record, its history and the extracts by a label ([Person A], [Person B] …). The exchange log keeps the labels and counts, never the names."
            rows={3}
            value={redactText}
            onChange={setRedactText}
            error={fieldError(exp.error, 'redact')}
          />
        </Section>

        <ErrorSummary error={exp.error} />
        <button type="submit" className="button" disabled={exp.isPending || scope.length === 0 || incomplete}>
          {exp.isPending ? 'Writing the bundle…' : 'Create signed, encrypted bundle'}
        </button>
        {incomplete && <p className="field__hint">Give a reason for each sensitive item you include.</p>}
      </form>

      {exp.data && (
        <Section id="done-heading" title="Bundle ready" role="status">
          <p>
            {countOf(exp.data.records, 'record')} and {countOf(exp.data.attachments, 'attachment')}, {formatBytes(exp.data.bytes, { kbDigits: 1 })}, marked <MarkingBadge value={exp.data.marking} />. Send both files; the signature lets them check it came from you unaltered.
          </p>
          {exp.data.redactions.length > 0 && <p>Redacted: {exp.data.redactions.map((r) => `${r.label} (${countOf(r.count, 'time')})`).join(', ')}.</p>}
          <div className="button-row">
            <a className="button" href={fileUrl(exp.data.file.urlPath)} download={exp.data.file.name}>
              Download bundle ({exp.data.file.name})
            </a>
            <a className="button button--secondary" href={fileUrl(exp.data.signature.urlPath)} download={exp.data.signature.name}>
              Download signature ({exp.data.signature.name})
            </a>
          </div>
        </Section>
      )}
    </div>
  );
}
