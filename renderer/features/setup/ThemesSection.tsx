import { ThemeInput, type Theme } from '../../../shared/domain/pilot';
import { EmptyState } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { TextField } from '../../kit/form/fields';
import { useAddForm } from '../../kit/form/useAddForm';
import { Section } from '../../kit/page/Section';
import { useSafeDelete } from './useSafeDelete';

export function ThemesSection({ themes }: { themes: Theme[] }) {
  const remove = useSafeDelete('theme.delete', 'themes', 'theme');
  const form = useAddForm('theme.add', {
    initial: { name: '', description: '' },
    schema: ThemeInput,
    toInput: (v) => ({ name: v.name, description: v.description || null }),
    added: (t) => `Added theme ${t.name}`,
  });
  return (
    <Section id="themes-heading" title="Themes and deep dives">
      {themes.length === 0 ? (
        <EmptyState level={3} title="No themes yet">
          <p>Themes group the work, e.g. older people, drugs and alcohol, offenders, children and families.</p>
        </EmptyState>
      ) : (
        <ul className="chip-list">
          {themes.map((t) => (
            <li key={t.id} className="chip">
              <span title={t.description ?? undefined}>{t.name}</span>
              <button type="button" className="chip__remove" aria-label={`Delete theme ${t.name}`} title={`Delete theme ${t.name}`} onClick={() => remove.request(t, t.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {remove.error && <p className="field__error" role="alert">{remove.error}</p>}
      {remove.dialog}
      <AddForm form={form} title="Add a theme" submitLabel="Add theme">
        <div className="field-row">
          <TextField label="Theme name" {...form.bind('name')} />
          <TextField label="Description (optional)" {...form.bind('description')} />
        </div>
      </AddForm>
    </Section>
  );
}
