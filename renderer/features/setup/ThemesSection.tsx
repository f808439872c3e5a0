import { ThemeInput, type Theme } from '../../../shared/domain/pilot';
import { EmptyState } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { TextField } from '../../kit/form/fields';
import { useAddForm } from '../../kit/form/useAddForm';
import { Section } from '../../kit/page/Section';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';

export function ThemesSection({ themes }: { themes: Theme[] }) {
  const remove = useDeleteWithUndo('theme.delete', 'themes');
  const form = useAddForm('theme.add', {
    initial: { name: '', description: '' },
    schema: ThemeInput,
    toInput: (v) => ({ name: v.name, description: v.description || null }),
    added: (t) => `Added theme ${t.name}`,
  });
  return (
    <Section id="themes-heading" title="Themes and deep dives">
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
      <AddForm form={form} title="Add a theme" submitLabel="Add theme">
        <div className="field-row">
          <TextField label="Theme name" {...form.bind('name')} />
          <TextField label="Description (optional)" {...form.bind('description')} />
        </div>
      </AddForm>
    </Section>
  );
}
