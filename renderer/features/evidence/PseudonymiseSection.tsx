import { useState, type FormEvent } from 'react';
import type { EvidenceDetail } from '../../../shared/domain/evidence';
import { useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { TextField } from '../../kit/form/fields';
import { formatDate } from '../../kit/format/date';
import { Section } from '../../kit/page/Section';

/** Replace a person's name with a label throughout the item, its quotes and its files' text, in one recorded change. */
export function PseudonymiseSection({ item }: { item: EvidenceDetail }) {
  const run = useApiMutation('evidence.pseudonymise');
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [asking, setAsking] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsking(true);
  };
  const confirm = () => {
    setAsking(false);
    run.mutate(
      { evidenceId: item.id, rev: item.rev, name, label },
      {
        onSuccess: (r) => {
          toasts.show(`Replaced “${name}” with “${label}”: ${r.item} in the item, ${r.quotes} in its quotes, ${r.attachments} in its files’ text`);
          setName('');
          setLabel('');
        },
      },
    );
  };
  return (
    <Section id="pseudonymise-heading" title="Pseudonymise">
      {item.pseudonymised.length > 0 && (
        <ul aria-label="Pseudonymised so far">
          {item.pseudonymised.map((p, i) => (
            <li key={i}>
              A name was replaced with <strong>{p.label}</strong> by {p.by}, {formatDate(p.at, 'minute')}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Replaces a person’s name (whole words, any capitals) in the title, notes, source, tags, quotes, speakers, link notes and the searchable text of the files, in one change kept in the history below.
        The attached files themselves are not changed: remove a file and attach a redacted copy if the file must not hold the name.
      </p>
      <ErrorSummary error={run.error} />
      <form className="inline-form inline-form--row" onSubmit={submit} aria-label="Pseudonymise a name">
        <TextField label="Name to replace" value={name} onChange={setName} error={fieldError(run.error, 'name')} />
        <TextField label="Replace with" value={label} onChange={setLabel} hint="For example “Resident A”." error={fieldError(run.error, 'label')} />
        <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
          <button type="submit" className="button" disabled={!name.trim() || !label.trim() || run.isPending}>Pseudonymise</button>
        </div>
      </form>
      <ConfirmDialog open={asking} title={`Replace “${name}” with “${label}”?`} confirmLabel="Replace everywhere" onConfirm={confirm} onCancel={() => setAsking(false)}>
        <p>Every occurrence in this item, its quotes and its files’ searchable text is replaced at once. The history keeps the earlier versions.</p>
      </ConfirmDialog>
    </Section>
  );
}
