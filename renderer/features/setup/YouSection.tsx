import { useEffect, useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';

/** The name recorded against every change made from this installation (history, status changes). */
export function YouSection() {
  const info = useApi('system.info', {});
  const [actor, setActor] = useState('');
  const save = useApiMutation('system.setActor');
  const toasts = useToasts();
  useEffect(() => {
    if (info.data) setActor(info.data.actor);
  }, [info.data]);
  return (
    <form className="card" aria-labelledby="you-heading" onSubmit={(e) => { e.preventDefault(); save.mutate({ actor }, { onSuccess: () => toasts.show('Your name was saved') }); }}>
      <h2 id="you-heading">You</h2>
      <ErrorSummary error={save.error} />
      <TextField label="Your name" hint="Recorded with every change you make, so the team can see who did what" value={actor} onChange={setActor} error={fieldError(save.error, 'actor')} />
      <button type="submit" className="button button--secondary" disabled={save.isPending}>Save name</button>
      {info.data && <p className="muted">Data file: <code>{info.data.dbPath}</code> · schema version {info.data.schemaVersion}</p>}
    </form>
  );
}
