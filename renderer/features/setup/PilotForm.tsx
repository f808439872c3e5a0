import { DEFAULT_QUESTION, PilotInput, type Pilot } from '../../../shared/domain/pilot';
import { useApi, useApiMutation } from '../../api/hooks';
import { useToasts } from '../../kit/feedback/Toasts';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { SECURITY_MARKINGS } from '../../../shared/domain/marking';
import { useEditForm } from '../../kit/form/useEditForm';

export function PilotForm({ pilot }: { pilot: Pilot | null }) {
  const save = useApiMutation('pilot.save');
  const toasts = useToasts();
  const managed = useApi('system.policy', {}).data?.values.defaultSecurityMarking ?? null;
  // Until the user types, the form follows the stored pilot (someone else's save shows here too).
  const form = useEditForm({
    initial: { place: pilot?.place ?? '', question: pilot?.question ?? DEFAULT_QUESTION, startDate: pilot?.startDate ?? '', reportDeadline: pilot?.reportDeadline ?? '', defaultMarking: pilot?.defaultMarking ?? 'OFFICIAL' },
    schema: PilotInput,
    toInput: (v) => v,
    error: save.error,
    onSubmit: (input) => save.mutate({ rev: pilot?.rev ?? null, pilot: input }, { onSuccess: () => toasts.show(pilot ? 'Pilot details saved' : 'Pilot set up') }),
  });
  return (
    <EditForm form={form} labelledBy="pilot-heading" heading={<h2 id="pilot-heading">The pilot</h2>} submitLabel={pilot ? 'Save pilot details' : 'Set up the pilot'} pending={save.isPending} bare>
      <TextField label="Place" hint="The area the pilot covers, e.g. Oxfordshire" {...form.bind('place')} />
      <TextArea label="The one question" hint="Every hypothesis hangs off this question" {...form.bind('question')} rows={3} />
      <div className="field-row">
        <TextField label="Start date" type="date" {...form.bind('startDate')} />
        <TextField label="Report deadline" type="date" {...form.bind('reportDeadline')} />
      </div>
      <SelectField
        label="Default security marking"
        {...form.bind('defaultMarking')}
        options={SECURITY_MARKINGS.map((m) => ({ value: m, label: m }))}
        hint={managed ? `Your IT department sets ${managed} as the default on this computer; it applies instead.` : 'What new evidence, quotes and files are marked unless someone chooses otherwise.'}
      />
    </EditForm>
  );
}
