import { useState } from 'react';
import type { RetentionItem } from '../../../shared/domain/privacy';
import { useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { TextArea, TextField } from '../../kit/form/fields';

export type Decision = 'keep' | 'anonymise' | 'erase';

const TITLES: Record<Decision, { title: string; confirm: string; explain: string }> = {
  keep: { title: 'Keep it for longer?', confirm: 'Keep', explain: 'It stays as it is, and comes up for review again on the date you choose. The reason is kept with it.' },
  anonymise: {
    title: 'Anonymise it?',
    confirm: 'Anonymise',
    explain: 'Its quotes and attached files are erased; its title, notes, source, collector and tags are cleared; its earlier versions go. Its kind, dates, organisation, theme and ratings against hypotheses stay, so the analysis keeps its evidence. It cannot be undone.',
  },
  erase: { title: 'Erase it for good?', confirm: 'Erase for good', explain: 'The item, its quotes, files, links and every earlier version are erased, and partners and team members who received it are asked to erase it too. It cannot be undone.' },
};

/** Keep (with a reason and a new review date), anonymise or erase an item that is due for review. */
export function DecisionDialog({ item, decision, onClose }: { item: RetentionItem; decision: Decision; onClose(): void }) {
  const decide = useApiMutation('retention.decide');
  const toasts = useToasts();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const t = TITLES[decision];
  const submit = () => {
    const input = decision === 'keep' ? { decision, evidenceId: item.evidenceId, reason, until } : { decision, evidenceId: item.evidenceId, reason };
    decide.mutate(input, {
      onSuccess: () => {
        toasts.show(decision === 'keep' ? `Kept “${item.title}” until ${until}` : decision === 'anonymise' ? `Anonymised “${item.title}”` : `Erased “${item.title}”`);
        onClose();
      },
    });
  };
  return (
    <ConfirmDialog open title={t.title} confirmLabel={t.confirm} danger={decision !== 'keep'} onCancel={onClose} onConfirm={submit}>
      <p>
        <strong>{item.title}</strong>
      </p>
      <p>{t.explain}</p>
      <ErrorSummary error={decide.error && !decide.error.fields ? decide.error : null} />
      <TextArea label="Reason" hint="Kept in the record of retention decisions." value={reason} onChange={setReason} error={fieldError(decide.error, 'reason')} />
      {decision === 'keep' && <TextField type="date" label="Review again on" value={until} onChange={setUntil} error={fieldError(decide.error, 'until')} />}
    </ConfirmDialog>
  );
}
