import type { ReactNode } from 'react';
import { EditForm } from './EditForm';
import type { EditFormState } from './useEditForm';

/** A small "add one more" form under a list: named by its heading, one button. */
export function AddForm({ form, title, submitLabel, className = 'inline-form', level = 3, children }: { form: EditFormState & { pending: boolean }; title: string; submitLabel: string; className?: string; level?: 2 | 3; children: ReactNode }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <EditForm form={form} className={className} label={title} heading={<Heading>{title}</Heading>} submitLabel={submitLabel} pending={form.pending} bare>
      {children}
    </EditForm>
  );
}
