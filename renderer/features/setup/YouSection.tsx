import { contract } from '../../../shared/contract';
import { useApi, useApiMutation } from '../../api/hooks';
import { useToasts } from '../../kit/feedback/Toasts';
import { EditForm } from '../../kit/form/EditForm';
import { TextField } from '../../kit/form/fields';
import { useEditForm } from '../../kit/form/useEditForm';

/**
 * Who makes the changes from this installation: the name recorded with every change (history,
 * status changes, a team's member list) and the home organisation (added to the pilot's if new).
 */
export function YouSection() {
  const me = useApi('me.get', {});
  const info = useApi('system.info', {});
  const save = useApiMutation('me.set');
  const toasts = useToasts();
  const form = useEditForm({
    initial: { name: me.data?.name ?? '', organisation: me.data?.organisation ?? '' },
    schema: contract['me.set'].input,
    toInput: (v) => v,
    error: save.error,
    onSubmit: (input) => save.mutate(input, { onSuccess: () => toasts.show('Saved who you are') }),
  });
  const unnamed = me.data?.prompt === true;
  return (
    <EditForm
      form={form}
      labelledBy="you-heading"
      heading={<h2 id="you-heading">You</h2>}
      submitLabel="Save who you are"
      submitClassName="button button--secondary"
      pending={save.isPending}
      bare
      after={info.data && <p className="muted">Data file: <code>{info.data.dbPath}</code> · schema version {info.data.schemaVersion}</p>}
    >
      {unnamed && (
        <p className="warning" role="note">
          <strong>You have not given your name yet.</strong> Until you do, every change made here is recorded as “{me.data!.computerName}”, this computer’s login.
        </p>
      )}
      <TextField label="Your name" hint="Recorded with every change you make, so the team can see who did what" {...form.bind('name')} />
      <TextField label="Your home organisation" hint="The body you are seconded from" {...form.bind('organisation')} />
    </EditForm>
  );
}
