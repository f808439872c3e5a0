import { contract } from '../../../shared/contract';
import { useApi, useApiMutation } from '../../api/hooks';
import { useToasts } from '../../kit/feedback/Toasts';
import { EditForm } from '../../kit/form/EditForm';
import { TextField } from '../../kit/form/fields';
import { useEditForm } from '../../kit/form/useEditForm';

/** The name recorded against every change made from this installation (history, status changes). */
export function YouSection() {
  const info = useApi('system.info', {});
  const save = useApiMutation('system.setActor');
  const toasts = useToasts();
  const form = useEditForm({
    initial: { actor: info.data?.actor ?? '' },
    schema: contract['system.setActor'].input,
    toInput: (v) => v,
    error: save.error,
    onSubmit: (input) => save.mutate(input, { onSuccess: () => toasts.show('Your name was saved') }),
  });
  return (
    <EditForm
      form={form}
      labelledBy="you-heading"
      heading={<h2 id="you-heading">You</h2>}
      submitLabel="Save name"
      submitClassName="button button--secondary"
      pending={save.isPending}
      bare
      after={info.data && <p className="muted">Data file: <code>{info.data.dbPath}</code> · schema version {info.data.schemaVersion}</p>}
    >
      <TextField label="Your name" hint="Recorded with every change you make, so the team can see who did what" {...form.bind('actor')} />
    </EditForm>
  );
}
