import { useState } from 'react';
import { FieldShell } from './fields';

/**
 * A small text file chosen with the file chooser and read in the page (a contact card): the
 * field's label and error as every field has them, and the name of what was chosen as its hint.
 */
export function TextFileField({ label, accept, error, onChange }: { label: string; accept: string; error?: string; onChange(text: string | null): void }) {
  const [chosen, setChosen] = useState('');
  return (
    <FieldShell label={label} error={error} hint={chosen ? `Chosen: ${chosen}` : undefined}>
      {(a11y) => (
        <input
          {...a11y}
          type="file"
          accept={accept}
          onChange={(e) => {
            const f = e.target.files?.[0];
            setChosen(f?.name ?? '');
            if (f) void f.text().then(onChange);
            else onChange(null);
          }}
        />
      )}
    </FieldShell>
  );
}
