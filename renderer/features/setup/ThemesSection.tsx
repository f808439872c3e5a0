import { useState } from 'react';
import type { Theme } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { useDeleteWithUndo } from './useDeleteWithUndo';

export function ThemesSection({ themes }: { themes: Theme[] }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const add = useApiMutation('theme.add');
  const toasts = useToasts();
  const remove = useDeleteWithUndo('theme.delete', 'themes');
  return (
    <section className="card" aria-labelledby="themes-heading">
      <h2 id="themes-heading">Themes and deep dives</h2>
      {themes.length === 0 ? (
        <EmptyState title="No themes yet">
          <p>Themes group the work, e.g. older people, drugs and alcohol, offenders, children and families.</p>
        </EmptyState>
      ) : (
        <ul className="chip-list">
          {themes.map((t) => (
            <li key={t.id} className="chip">
              <span title={t.description ?? undefined}>{t.name}</span>
              <button type="button" className="chip__remove" aria-label={`Delete theme ${t.name}`} onClick={() => void remove(t, t.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        aria-label="Add a theme"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ name, description: description || null }, {
            onSuccess: (t) => {
              toasts.show(`Added theme ${t.name}`);
              setName('');
              setDescription('');
            },
          });
        }}
      >
        <h3>Add a theme</h3>
        <ErrorSummary error={add.error} />
        <div className="field-row">
          <TextField label="Theme name" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
          <TextField label="Description (optional)" value={description} onChange={setDescription} />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add theme
        </button>
      </form>
    </section>
  );
}
