import { useState } from 'react';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError, Loading } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { labelledOptions } from '../../kit/form/options';
import { SelectField, TextField } from '../../kit/form/fields';
import { formatDate } from '../../kit/format/date';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import type { Contact } from '../../../shared/domain/bundles';
import { Section } from '../../kit/page/Section';
import { DetailList } from '../../kit/record/DetailList';
import { BundlesHeader } from './BundlesHeader';
import { TextFileField } from '../../kit/form/TextFileField';
import { AgreementEditor, AgreementStatus } from './Agreement';

/** Our identity and the partner directory: whose keys we encrypt to, and whose bundles we trust. */
export function PartnersPage() {
  const me = useApi('identity.show', {});
  const contacts = useApi('contact.list', {});
  const card = useApiMutation('identity.exportCard');
  const verify = useApiMutation('contact.setVerified');
  const remove = useApiMutation('contact.remove');
  const toasts = useToasts();
  const [editing, setEditing] = useState<string | null>(null);
  const editingContact = contacts.data?.find((c) => c.id === editing) ?? null;
  // A directory of a few dozen partners: filtered and sorted here, both kept in the URL.
  const f = useFilters({ verified: '', dsa: '' });
  const shown = contacts.data?.filter((c) => (!f.active.verified || (c.verifiedAt ? 'yes' : 'no') === f.active.verified) && (!f.active.dsa || (c.dsaStatus === 'none' || c.dsaStatus === 'expired' ? 'no' : 'yes') === f.active.dsa));
  const sort = useSort<Contact>({ name: (c) => c.name, verified: (c) => c.verifiedAt, dsa: (c) => (c.dsaStatus === 'none' ? null : c.dsa?.expiresOn), added: (c) => c.addedAt });
  return (
    <div className="page">
      <BundlesHeader title="Partners" />
      <Section id="me-heading" title="This workbench">
        {me.isLoading && <Loading what="this workbench's identity" />}
        <ErrorSummary error={me.error} />
        {me.data && (
          <>
            <p>
              Partners add you from your contact card. Before they trust bundles from you, read this fingerprint to them by phone. It covers both of your keys
              (the one they encrypt to and the one you sign with), so any change to either shows.
            </p>
            <DetailList
              items={[
                { label: 'Name on your card', value: me.data.name },
                { label: 'Fingerprint', value: <code className="fingerprint">{me.data.fingerprintGrouped}</code> },
                { label: 'age recipient', value: <code>{me.data.ageRecipient}</code> },
                { label: 'minisign public key', value: <code>{me.data.minisignPublicKey}</code> },
                { label: 'Private keys', value: me.data.protected ? 'Sealed by this computer\'s keychain' : 'In a file beside the database, readable only by you' },
              ]}
            />
            <ErrorSummary error={card.error} />
            {card.data ? (
              <p>
                <a className="button" href={fileUrl(card.data.urlPath)} download={card.data.name}>Download your contact card ({card.data.name})</a>
              </p>
            ) : (
              <button type="button" className="button button--secondary" disabled={card.isPending} onClick={() => card.mutate({})}>
                Prepare your contact card
              </button>
            )}
          </>
        )}
      </Section>

      <Section id="partners-heading" title="Partner directory">
        <FilteredList
          label="Filter partners"
          filters={
            <>
              <SelectField label="Fingerprint" {...f.bind('verified')} emptyLabel="Verified or not" options={labelledOptions(['yes', 'no'], { yes: 'Verified', no: 'Not verified' })} />
              <SelectField label="Data sharing" {...f.bind('dsa')} emptyLabel="With or without an agreement" options={labelledOptions(['yes', 'no'], { yes: 'Agreement in force', no: 'No agreement, or expired' })} />
            </>
          }
          query={{ data: shown, isPending: contacts.isPending, error: contacts.error ?? verify.error ?? remove.error }}
          what="partners"
          filtered={f.any}
          noMatch="No partners match these filters"
          empty={
            <EmptyState level={3} title="No partners yet">
              <p>Add a partner from the contact card they sent you, or from their age recipient if they do not use the workbench. Then compare fingerprints by phone and mark them verified.</p>
            </EmptyState>
          }
        >
          {(rows) => (
            <DataTable
              caption="Partners, their fingerprints and whether they are verified"
              hideCaption
              sorting={sort}
              columns={[...sortable(['Partner', 'name']), 'Fingerprint', ...sortable(['Status', 'verified'], ['Data sharing', 'dsa']), 'Actions']}
            >
              {sort.apply(rows).map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name}
                    <br />
                    <small>{c.kind === 'app' ? 'Uses the workbench' : 'age only (can receive, cannot send)'}</small>
                  </td>
                  <td><code className="fingerprint">{c.fingerprintGrouped}</code></td>
                  <td>
                    {c.verifiedAt ? <span className="badge badge--ok">Verified {formatDate(c.verifiedAt, 'minute')}</span> : <span className="badge">Not verified</span>}
                    {c.unverifiedReason && (
                      <p className="warning" id={`reason-${c.id}`}>
                        <strong>Verify again:</strong> {c.unverifiedReason}
                      </p>
                    )}
                  </td>
                  <td>
                    <AgreementStatus c={c} />
                    {c.dsa?.dpiaReference && <small className="muted"> DPIA {c.dsa.dpiaReference}</small>}
                  </td>
                  <td>
                    <div className="button-row">
                      <button type="button" className="button button--small button--secondary" onClick={() => setEditing(c.id)}>
                        {c.dsa ? 'Edit agreement' : 'Record agreement'}<span className="visually-hidden"> for {c.name}</span>
                      </button>
                      {c.verifiedAt ? (
                        <button type="button" className="button button--small button--secondary" onClick={() => verify.mutate({ id: c.id, verified: false })}>
                          Unmark verified<span className="visually-hidden"> for {c.name}</span>
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--small"
                          aria-describedby={c.unverifiedReason ? `reason-${c.id}` : undefined}
                          onClick={() => verify.mutate({ id: c.id, verified: true }, { onSuccess: () => toasts.show(`${c.name} marked verified`) })}
                        >
                          Mark verified<span className="visually-hidden"> for {c.name}</span>
                        </button>
                      )}
                      <button type="button" className="button button--small button--danger" onClick={() => remove.mutate({ id: c.id }, { onSuccess: () => toasts.show(`Removed ${c.name}`) })}>
                        Remove<span className="visually-hidden"> {c.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </FilteredList>
      </Section>
      {editingContact && <AgreementEditor key={editingContact.id} c={editingContact} onDone={() => setEditing(null)} />}
      <AddPartner />
    </div>
  );
}

function AddPartner() {
  const [how, setHow] = useState<'card' | 'age'>('card');
  const [name, setName] = useState('');
  const [cardText, setCardText] = useState<string | null>(null);
  const [cardField, setCardField] = useState(0);
  const [recipient, setRecipient] = useState('');
  const add = useApiMutation('contact.add');
  const toasts = useToasts();
  // The directory already holds this partner with other keys: shown loudly, replaced only on purpose.
  const keysChanged = add.error?.code === 'CONFLICT' && Boolean(fieldError(add.error, how === 'card' ? 'card' : 'ageRecipient')) ? add.error : null;
  const submit = (replace: boolean) => {
    const input = how === 'card' ? { name: name || undefined, card: cardText ?? '', replace } : { name, ageRecipient: recipient, replace };
    add.mutate(input, {
      onSuccess: (c) => {
        toasts.show(`${replace ? 'Replaced the keys of' : 'Added'} ${c.name}. Compare the fingerprint with them by phone, then mark them verified.`);
        setName('');
        setRecipient('');
        setCardText(null);
        setCardField((n) => n + 1);
      },
    });
  };
  return (
    <Section id="add-partner-heading" title="Add a partner">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        {keysChanged ? (
          <div className="warning" role="alert">
            <h3>Their keys have changed</h3>
            <p>{keysChanged.message}</p>
            <p>Only replace them if the partner told you, by phone or in person, that they have new keys. Until you compare the new fingerprint with them, they are shown as not verified.</p>
            <button type="button" className="button button--danger" disabled={add.isPending} onClick={() => submit(true)}>
              Replace their keys
            </button>
          </div>
        ) : (
          <ErrorSummary error={add.error} />
        )}
        <fieldset className="field">
          <legend>How are you adding them?</legend>
          <div className="radio">
            <input type="radio" id="how-card" name="how" checked={how === 'card'} onChange={() => setHow('card')} />
            <label htmlFor="how-card">From their contact card (they use the workbench)</label>
          </div>
          <div className="radio">
            <input type="radio" id="how-age" name="how" checked={how === 'age'} onChange={() => setHow('age')} />
            <label htmlFor="how-age">From an age recipient (they do not use the workbench)</label>
          </div>
        </fieldset>
        <TextField label={how === 'card' ? 'Name (optional: the card has one)' : 'Name'} value={name} onChange={setName} error={fieldError(add.error, 'name')} />
        {how === 'card' ? (
          <TextFileField key={cardField} label="Contact card file" accept=".json,application/json" error={fieldError(add.error, 'card')} onChange={setCardText} />
        ) : (
          <TextField label="age recipient" hint="Starts with age1…" value={recipient} onChange={setRecipient} error={fieldError(add.error, 'ageRecipient')} />
        )}
        <button type="submit" className="button" disabled={add.isPending || (how === 'card' && cardText === null)}>
          Add partner
        </button>
      </form>
    </Section>
  );
}
