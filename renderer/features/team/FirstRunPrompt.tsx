import { useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useModal } from '../../kit/feedback/useModal';
import { TextField } from '../../kit/form/fields';

const LATER = 'tpw.me.later';

/**
 * The first time the app opens on a laptop: who is making the changes? The name is recorded with
 * every change from here (history, "changed by", conflicts, the team's member list) instead of the
 * computer's user name. "Not now" asks again next time the app starts.
 */
export function FirstRunPrompt() {
  const me = useApi('me.get', {});
  const save = useApiMutation('me.set');
  const [later, setLater] = useState(() => sessionStorage.getItem(LATER) === '1');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const ref = useModal(Boolean(me.data?.prompt) && !later);
  const dismiss = () => {
    sessionStorage.setItem(LATER, '1');
    setLater(true);
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="first-run-title"
      onCancel={(e) => {
        e.preventDefault();
        dismiss();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, organisation });
        }}
      >
        <h2 id="first-run-title">Welcome — who are you?</h2>
        <div className="dialog__body">
          <p>Your name is recorded with every change you make, so your team can see who did what.{me.data && ` Until you say, changes are recorded as “${me.data.computerName}”.`}</p>
          <ErrorSummary error={save.error} />
          <TextField label="Your name" value={name} onChange={setName} error={fieldError(save.error, 'name')} autoFocus />
          <TextField label="Your home organisation" hint="The body you are seconded from, e.g. Worcestershire County Council" value={organisation} onChange={setOrganisation} error={fieldError(save.error, 'organisation')} />
          {me.data && me.data.organisations.length > 0 && (
            <p className="muted small">Already in this pilot: {me.data.organisations.join(', ')}.</p>
          )}
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={save.isPending || !name.trim()}>
            Save and start
          </button>
          <button type="button" className="button button--secondary" onClick={dismiss}>
            Not now
          </button>
        </div>
      </form>
    </dialog>
  );
}
