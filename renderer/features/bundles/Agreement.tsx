import { useState } from 'react';
import type { Contact } from '../../../shared/domain/bundles';
import { DSA_PERMIT_LABELS, DSA_PERMITS, type DsaPermit } from '../../../shared/domain/sharing';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { TextArea, TextField } from '../../kit/form/fields';
import { formatDate } from '../../kit/format/date';
import { Section } from '../../kit/page/Section';

/** A partner's data-sharing agreement in a word: none, current until…, or EXPIRED (flagged). */
export function AgreementStatus({ c }: { c: Pick<Contact, 'dsa' | 'dsaStatus'> }) {
  if (c.dsaStatus === 'none') return <span className="badge">No data-sharing agreement</span>;
  if (c.dsaStatus === 'expired') {
    return (
      <span className="badge badge--danger">
        DSA {c.dsa!.reference} expired {formatDate(c.dsa!.expiresOn)}
      </span>
    );
  }
  return (
    <span className="badge badge--ok">
      DSA {c.dsa!.reference} until {formatDate(c.dsa!.expiresOn)}
    </span>
  );
}

/** Records or replaces the data-sharing agreement (and DPIA reference) on a partner record. */
export function AgreementEditor({ c, onDone }: { c: Contact; onDone(): void }) {
  const d = c.dsa;
  const [v, setV] = useState({
    reference: d?.reference ?? '',
    parties: d?.parties ?? '',
    purpose: d?.purpose ?? '',
    lawfulBasis: d?.lawfulBasis ?? '',
    expiresOn: d?.expiresOn ?? '',
    dpiaReference: d?.dpiaReference ?? '',
  });
  const [permits, setPermits] = useState<DsaPermit[]>(d?.permits ?? []);
  const save = useApiMutation('contact.setAgreement');
  const clear = useApiMutation('contact.clearAgreement');
  const toasts = useToasts();
  const bind = (k: keyof typeof v) => ({ value: v[k], onChange: (x: string) => setV({ ...v, [k]: x }), error: fieldError(save.error, k) });
  return (
    <Section id={`dsa-${c.id}-heading`} title={`Data-sharing agreement with ${c.name}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { contactId: c.id, ...v, dpiaReference: v.dpiaReference || null, permits },
            {
              onSuccess: () => {
                toasts.show(`Saved the data-sharing agreement with ${c.name}`);
                onDone();
              },
            },
          );
        }}
      >
        <ErrorSummary error={save.error ?? clear.error} />
        {c.dsaStatus === 'expired' && (
          <p className="warning" role="status">
            This agreement expired on {formatDate(c.dsa!.expiresOn)}. Until the renewed one is recorded, personal data and OFFICIAL-SENSITIVE material cannot be sent to {c.name}.
          </p>
        )}
        <div className="field-row">
          <TextField label="DSA reference" {...bind('reference')} />
          <TextField label="Expires on" type="date" hint="The last day it is current" {...bind('expiresOn')} />
          <TextField label="DPIA reference (optional)" {...bind('dpiaReference')} />
        </div>
        <TextField label="Parties" hint="Who signed it, e.g. Avonford Council; Brimley PCT" {...bind('parties')} />
        <TextArea label="Purpose" rows={2} {...bind('purpose')} />
        <TextField label="Lawful basis" hint="e.g. UK GDPR Article 6(1)(e); Article 9(2)(h)" {...bind('lawfulBasis')} />
        <fieldset className="field">
          <legend>What it permits to be shared</legend>
          {DSA_PERMITS.map((p) => (
            <div className="checkbox" key={p}>
              <input
                type="checkbox"
                id={`permit-${c.id}-${p}`}
                checked={permits.includes(p)}
                onChange={(e) => setPermits(e.target.checked ? [...permits, p] : permits.filter((x) => x !== p))}
              />
              <label htmlFor={`permit-${c.id}-${p}`}>{DSA_PERMIT_LABELS[p]}</label>
            </div>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" disabled={save.isPending}>
            Save agreement
          </button>
          {d && (
            <button
              type="button"
              className="button button--secondary"
              disabled={clear.isPending}
              onClick={() => clear.mutate({ id: c.id }, { onSuccess: () => (toasts.show(`Removed the agreement from ${c.name}`), onDone()) })}
            >
              Remove agreement
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Section>
  );
}
