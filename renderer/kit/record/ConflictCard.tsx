import { useState, type ReactNode } from 'react';
import type { ConflictView } from '../../../shared/domain/bundles';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../feedback/Feedback';
import { useToasts } from '../feedback/Toasts';
import { DataTable } from '../list/DataTable';
import { ListState, type ListQuery } from '../list/ListState';
import { Section } from '../page/Section';

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const FIELD_NAMES: Record<string, string> = { deletedAt: 'Deleted' };
const fieldName = (f: string) => FIELD_NAMES[f] ?? f.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

export interface ConflictLabels {
  /** What the card says about where the two versions came from. */
  intro: ReactNode;
  /** Column headings for the version shown now ("mine") and the other ("theirs"). */
  mine: string;
  theirs: string;
  keepMine: string;
  takeTheirs: string;
}

/**
 * One record changed in two places: the fields that differ side by side, and the three ways to
 * settle it (keep one version, take the other, or edit a merged one). Partner bundles and team
 * sync keep their conflicts in the same records; each page says whose versions they are.
 */
export function ConflictCard({ conflict: c, labels, onResolved }: { conflict: ConflictView; labels: ConflictLabels; onResolved?: () => void }) {
  const resolve = useApiMutation('conflict.resolve');
  const toasts = useToasts();
  const [merged, setMerged] = useState<Record<string, string>>(() => Object.fromEntries(c.fields.map((f) => [f.field, show(f.mine) === '(empty)' ? '' : show(f.mine)])));
  const [editing, setEditing] = useState(false);
  const done = (what: string) => () => {
    toasts.show(`${what} for ${c.noun.toLowerCase()} “${c.label}”`);
    onResolved?.();
  };
  const mergedValues = () =>
    Object.fromEntries(
      c.fields.map((f) => {
        const raw = merged[f.field] ?? '';
        const orig = f.mine ?? f.theirs;
        if (raw === '') return [f.field, null];
        return [f.field, typeof orig === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw];
      }),
    );
  return (
    <Section id={`conflict-${c.id}`} title={`${c.noun}: ${c.label}`}>
      <p className="muted">{labels.intro}</p>
      <DataTable caption="Fields that differ between the two versions" hideCaption columns={['Field', labels.mine, labels.theirs, ...(editing ? ['Merged'] : [])]}>
        {c.fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{fieldName(f.field)}</th>
            <td>{show(f.mine)}</td>
            <td>{show(f.theirs)}</td>
            {editing && (
              <td>
                <label className="visually-hidden" htmlFor={`${c.id}-${f.field}`}>
                  Merged {fieldName(f.field)}
                </label>
                <input id={`${c.id}-${f.field}`} type="text" value={merged[f.field] ?? ''} onChange={(e) => setMerged({ ...merged, [f.field]: e.target.value })} />
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      <ErrorSummary error={resolve.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'mine' }, { onSuccess: done(labels.keepMine) })}>
          {labels.keepMine}
        </button>
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'theirs' }, { onSuccess: done(labels.takeTheirs) })}>
          {labels.takeTheirs}
        </button>
        {editing ? (
          <button type="button" className="button button--secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'merged', merged: mergedValues() }, { onSuccess: done('Saved the merged version') })}>
            Save merged version
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit a merged version
          </button>
        )}
      </div>
    </Section>
  );
}

/** A page's conflicts, each card told whose versions they are; what to say when there are none. */
export function ConflictList<T extends ConflictView>({ query, empty, labelsFor, onResolved }: { query: ListQuery<T>; empty: ReactNode; labelsFor(c: T): ConflictLabels; onResolved?: () => void }) {
  return (
    <ListState query={query} what="conflicts" empty={empty}>
      {(rows) => rows.map((c) => <ConflictCard key={c.id} conflict={c} labels={labelsFor(c)} onResolved={onResolved} />)}
    </ListState>
  );
}
