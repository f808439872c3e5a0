import { useState } from 'react';
import type { TeamMemberView, TeamStatus } from '../../../shared/domain/team';
import { fileUrl, isDesktop } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmItem } from '../../kit/feedback/ConfirmDialog';
import { ErrorSummary, fieldError, Loading } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { SelectField, TextField } from '../../kit/form/fields';
import { TextFileField } from '../../kit/form/TextFileField';
import { formatDate } from '../../kit/format/date';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { Section } from '../../kit/page/Section';
import { DetailList } from '../../kit/record/DetailList';
import { TeamHeader } from './TeamHeader';
import { useTeamSync } from './useTeamSync';
import { countOf } from '../../kit/format/number';

const FOLDER_HINT = 'A folder every member can reach: your SharePoint, OneDrive or Teams library synced to this laptop, a network drive, or a USB stick. For example C:\\Users\\you\\OneDrive - Council\\Total Place team';

/** Team working: one pilot on every member's laptop, kept in step through a shared folder. */
export function TeamPage() {
  const status = useApi('team.status', {});
  return (
    <div className="page">
      <TeamHeader title="Team" />
      {status.isPending && <Loading what="the team" />}
      <ErrorSummary error={status.error} />
      {status.data && (status.data.team ? <InTeam s={status.data} /> : <NoTeam allowed={status.data.allowedLocations} />)}
    </div>
  );
}

function AllowedLocations({ allowed }: { allowed: string[] | null }) {
  if (!allowed) return null;
  return (
    <p className="muted">
      Your IT department allows team folders only in: {allowed.map((a, i) => <code key={a}>{i ? `; ${a}` : a}</code>)}.
    </p>
  );
}

function NoTeam({ allowed }: { allowed: string[] | null }) {
  return (
    <>
      <p className="lead">
        Work on one pilot as a team: each member keeps a full copy on their own laptop and works offline; changes travel through a folder you can all reach, encrypted so that only the team can read them. No server is needed.
      </p>
      <AllowedLocations allowed={allowed} />
      {isDesktop() ? <ChooseFolder /> : <FolderFromCommandLine />}
    </>
  );
}

/** Desktop: the folder is chosen in the system's own folder dialog (the page never names a path). */
function ChooseFolder() {
  const join = useApiMutation('team.join');
  const create = useApiMutation('team.create');
  const toasts = useToasts();
  const [name, setName] = useState('');
  return (
    <>
      <Section id="join-heading" title="Join your team’s folder">
        <p>If a teammate has already started the team, choose the same folder. They then add you after comparing your fingerprint by phone.</p>
        <p className="muted">{FOLDER_HINT}</p>
        <ErrorSummary error={join.error} />
        <button
          type="button"
          className="button"
          disabled={join.isPending}
          onClick={() => join.mutate({ folder: '' }, { onSuccess: (s) => toasts.show(s.team?.status === 'member' ? `You are in ${s.team.name}` : 'Joined the folder: a member now needs to add you') })}
        >
          Choose the team folder to join…
        </button>
      </Section>
      <Section id="create-heading" title="Start a team">
        <p>Make this pilot the team’s, in a folder everyone can reach. You then add members from their cards.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ folder: '', name }, { onSuccess: (s) => toasts.show(`Created the team ${s.team?.name ?? ''}`) });
          }}
        >
          <ErrorSummary error={create.error} />
          <TextField label="Team name" value={name} onChange={setName} error={fieldError(create.error, 'name')} />
          <button type="submit" className="button button--secondary" disabled={create.isPending || !name.trim()}>
            Choose a folder and start the team…
          </button>
        </form>
      </Section>
    </>
  );
}

/** Browser mode: a page may not name folders on this computer, so the folder is given to `tpw`. */
function FolderFromCommandLine() {
  return (
    <Section id="join-heading" title="Join or start a team">
      <p>
        In the desktop app you choose the team folder here. In a browser, pages are not allowed to name folders on this computer, so give the folder to the <code>tpw</code> command instead, then come back to this page:
      </p>
      <ul className="plain-list">
        <li>
          To join a team a teammate started: <code>tpw team join --folder &lt;the team folder&gt;</code>
        </li>
        <li>
          To start one: <code>tpw team create --folder &lt;a folder the team can reach&gt; --name &lt;team name&gt;</code>
        </li>
      </ul>
      <p className="muted">{FOLDER_HINT}</p>
    </Section>
  );
}

function InTeam({ s }: { s: TeamStatus }) {
  const t = s.team!;
  return (
    <>
      <SyncSection s={s} />
      {t.status === 'waiting' && <Waiting s={s} />}
      {t.status === 'removed' && (
        <p className="warning" role="status">
          A member has removed this laptop from the team, or replaced it with a new one. It no longer receives the team’s changes, and changes made here are not taken up by the team.
        </p>
      )}
      <Members s={s} />
      {t.status === 'member' && <AddMember s={s} />}
      {t.status === 'member' && <MyCard />}
      <CompareState />
    </>
  );
}

function SyncSection({ s }: { s: TeamStatus }) {
  const t = s.team!;
  const sync = useTeamSync();
  const toasts = useToasts();
  const last = s.lastSync;
  return (
    <Section id="sync-heading" title={t.name}>
      <DetailList
        items={[
          { label: 'Team folder', value: <code>{t.folder}</code> },
          { label: 'This laptop', value: t.status === 'member' ? 'A member' : t.status === 'waiting' ? 'Waiting to be added by a member' : 'No longer a member' },
          {
            label: 'Last sync',
            value: last ? `${formatDate(last.at, 'minute')} — ${last.folderAvailable ? `${countOf(last.applied, 'change')} from teammates applied${last.wrote ? `, ${last.wrote.changes} sent` : ', nothing new to send'}` : 'the folder could not be reached'}` : 'Not yet',
          },
          { label: 'Conflicts', value: s.openConflicts ? `${s.openConflicts} to resolve (see Conflicts)` : 'None' },
        ]}
      />
      {!t.folderAllowed && <p className="warning">Your IT department does not allow team folders where this one is. It is not synced; join the team again from an allowed folder.</p>}
      {last?.message && (
        <p className="warning" role="status">
          {last.message}
        </p>
      )}
      <ErrorSummary error={sync.error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={sync.isPending || !t.folderAllowed}
          onClick={() =>
            sync.mutate(undefined, {
              onSuccess: (r) => toasts.show(r.folderAvailable ? `Synced: ${countOf(r.applied, 'change')} from teammates${r.wrote ? `, ${r.wrote.changes} sent` : ''}` : 'The team folder could not be reached; nothing was lost'),
            })
          }
        >
          {sync.isPending ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {s.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <p className="muted">Files in the folder not applied yet (the sync app may still be copying them), and things the sync did that you should know. Tried again on every sync.</p>
          <ul className="plain-list">
            {s.notes.map((n) => (
              <li key={`${n.file}${n.message}`}>
                {n.file && (
                  <>
                    <code>{n.file}</code>:{' '}
                  </>
                )}
                {n.message} <span className="muted">(since {formatDate(n.firstAt, 'minute')}{n.attempts > 1 ? `, ${n.attempts} tries` : ''})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Waiting({ s }: { s: TeamStatus }) {
  return (
    <Section id="waiting-heading" title="Waiting to be added">
      <p>
        Ask a member of the team to add you. Read them this fingerprint by phone so they know the request is yours: <code className="fingerprint">{s.team!.fingerprintGrouped}</code>
      </p>
      <p className="muted">They will see your request in the team folder, or you can send them your member card. Once they have added you, “Sync now” brings you the team’s pilot.</p>
      <MyCardButton />
    </Section>
  );
}

const statusLabel = (m: TeamMemberView) =>
  m.status === 'active' ? 'Member' : m.status === 'removed' ? `Removed${m.endedBy ? ` by ${m.endedBy}` : ''}` : `Replaced by a new laptop${m.replacedBy ? ` (${m.replacedBy})` : ''}`;

function Members({ s }: { s: TeamStatus }) {
  const remove = useApiMutation('team.removeMember');
  const toasts = useToasts();
  const [removing, setRemoving] = useState<TeamMemberView | null>(null);
  const canChange = s.team!.status === 'member';
  const sort = useSort<TeamMemberView>({ name: (m) => m.name, status: (m) => statusLabel(m), lastSync: (m) => m.lastSyncAt });
  return (
    <Section id="members-heading" title="Members">
      <ErrorSummary error={remove.error} />
      <DataTable
        caption="Members of the team, their fingerprints and when they last synced"
        hideCaption
        sorting={sort}
        columns={[...sortable(['Member', 'name']), 'Fingerprint', ...sortable(['Status', 'status'], ['Last synced', 'lastSync']), ...(canChange ? [{ label: 'Actions', hidden: true }] : [])]}
      >
        {sort.apply(s.members).map((m) => (
          <tr key={m.fingerprint}>
            <td>
              {m.name}
              {m.me && ' (you)'}
              {m.organisation && (
                <>
                  <br />
                  <small>{m.organisation}</small>
                </>
              )}
            </td>
            <td>
              <code className="fingerprint">{m.fingerprintGrouped}</code>
            </td>
            <td>{statusLabel(m)}</td>
            <td>
              {m.lastSyncAt ? formatDate(m.lastSyncAt, 'minute') : 'Not yet'}
              {!m.me && m.lastSeenHere && m.lastSyncAt && Math.abs(Date.parse(m.lastSeenHere) - Date.parse(m.lastSyncAt)) > 10 * 60 * 1000 && (
                <>
                  <br />
                  <small className="muted">by their clock; arrived here {formatDate(m.lastSeenHere, 'minute')}</small>
                </>
              )}
            </td>
            {canChange && (
              <td>
                {m.status === 'active' && !m.me && (
                  <button type="button" className="button button--small button--danger" onClick={() => setRemoving(m)}>
                    Remove<span className="visually-hidden"> {m.name}</span>
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      <ConfirmItem
        item={removing}
        title="Remove this member?"
        confirmLabel="Remove from the team"
        danger
        onClose={() => setRemoving(null)}
        onConfirm={(m) => remove.mutate({ fingerprint: m.fingerprint }, { onSuccess: () => toasts.show(`Removed ${m.name}: changes from now on are not encrypted to them`) })}
      >
        {(m) => <p>{m.name} keeps what they already have, but gets none of the team’s changes from now on, and changes they make from now on are not taken up. The removal is recorded.</p>}
      </ConfirmItem>
    </Section>
  );
}

function AddMember({ s }: { s: TeamStatus }) {
  const add = useApiMutation('team.addMember');
  const toasts = useToasts();
  const [cardText, setCardText] = useState<string | null>(null);
  const [cardField, setCardField] = useState(0);
  const [request, setRequest] = useState('');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [replaces, setReplaces] = useState('');
  const others = s.members.filter((m) => m.status === 'active' && !m.me);
  const from = request ? 'request' : 'card';
  return (
    <Section id="add-member-heading" title="Add a member">
      <p>
        Add a teammate from the card they sent you (Team → “Download my member card” on their laptop) or from the request they left in the team folder. Compare the fingerprint with them by phone first.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { ...(from === 'request' ? { request } : { card: cardText ?? '' }), name, organisation, ...(replaces ? { replaces } : {}) },
            {
              onSuccess: () => {
                toasts.show(`Added ${name}. They catch up at their next sync.`);
                setName('');
                setOrganisation('');
                setRequest('');
                setReplaces('');
                setCardText(null);
                setCardField((n) => n + 1);
              },
            },
          );
        }}
      >
        <ErrorSummary error={add.error} />
        {s.requests.length > 0 && (
          <fieldset className="field">
            <legend>Asking to join (from the team folder)</legend>
            {s.requests.map((r) => (
              <div className="radio" key={r.fingerprint}>
                <input type="radio" id={`request-${r.fingerprint}`} name="request" checked={request === r.fingerprint} onChange={() => setRequest(r.fingerprint)} />
                <label htmlFor={`request-${r.fingerprint}`}>
                  Fingerprint <code className="fingerprint">{r.fingerprintGrouped}</code>
                </label>
              </div>
            ))}
            <div className="radio">
              <input type="radio" id="request-none" name="request" checked={request === ''} onChange={() => setRequest('')} />
              <label htmlFor="request-none">From a card file instead</label>
            </div>
          </fieldset>
        )}
        {from === 'card' && (
          <TextFileField key={cardField} label="Their member card" accept=".json,application/json" error={fieldError(add.error, 'card')} onChange={setCardText} />
        )}
        <TextField label="Their name" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
        <TextField label="Their home organisation (optional)" value={organisation} onChange={setOrganisation} error={fieldError(add.error, 'organisation')} />
        {others.length > 0 && (
          <SelectField
            label="Is this a member’s new laptop?"
            hint="Their old laptop then stops receiving the team’s changes."
            value={replaces}
            onChange={setReplaces}
            emptyLabel="No — a new member"
            options={others.map((m) => ({ value: m.fingerprint, label: `Yes — it replaces ${m.name}’s old laptop` }))}
            error={fieldError(add.error, 'replaces')}
          />
        )}
        <button type="submit" className="button" disabled={add.isPending || !name.trim() || (from === 'card' && cardText === null)}>
          Add to the team
        </button>
      </form>
    </Section>
  );
}

function MyCardButton() {
  const card = useApiMutation('team.card');
  return (
    <>
      <ErrorSummary error={card.error} />
      {card.data ? (
        <p>
          <a className="button" href={fileUrl(card.data.urlPath)} download={card.data.name}>
            Download my member card ({card.data.name})
          </a>
        </p>
      ) : (
        <button type="button" className="button button--secondary" disabled={card.isPending} onClick={() => card.mutate({})}>
          Prepare my member card
        </button>
      )}
    </>
  );
}

function MyCard() {
  const status = useApi('team.status', {});
  return (
    <Section id="my-card-heading" title="This laptop’s card">
      <p>
        For a new laptop of yours, or to be added to another team: your card carries your name and public keys. Fingerprint <code className="fingerprint">{status.data?.team?.fingerprintGrouped}</code>
      </p>
      <MyCardButton />
    </Section>
  );
}

function CompareState() {
  const [shown, setShown] = useState(false);
  const state = useApi('team.stateHash', {}, { enabled: shown });
  return (
    <Section id="compare-heading" title="Compare with a teammate">
      <p className="muted">After you have both synced, the same code on both laptops means you hold exactly the same pilot.</p>
      {shown ? (
        state.data ? (
          <p>
            <code className="fingerprint">{state.data.hash.match(/.{4}/g)!.slice(0, 8).join(' ')}</code> <span className="muted">({state.data.records} records, {state.data.revisions} revisions)</span>
          </p>
        ) : (
          <Loading what="the team state" />
        )
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setShown(true)}>
          Show this laptop’s code
        </button>
      )}
    </Section>
  );
}
