import { useState, type FormEvent } from 'react';
import type { CodeUsage } from '../../../shared/domain/quotes';
import type { CallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError, Loading } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { SelectField, TextField } from '../../kit/form/fields';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { Section } from '../../kit/page/Section';
import { EvidenceHeader } from './EvidenceHeader';
import { countOf } from '../../kit/format/number';

/** The team's code book: codes with descriptions, how much each is used, rename, merge; then codes × hypotheses. */
export function CodeBookPage() {
  const codes = useApi('code.list', {});
  const sort = useSort<CodeUsage>({ name: (c) => c.name, description: (c) => c.description, quotes: (c) => c.quotes, citizens: (c) => c.citizenQuotes });
  const add = useApiMutation('code.add');
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { name, description: description || null },
      {
        onSuccess: (c) => {
          toasts.show(`Added the code "${c.name}"`);
          setName('');
          setDescription('');
        },
      },
    );
  };
  return (
    <div className="page page--wide">
      <EvidenceHeader title="Code book" />
      <p className="lead">Codes label what quotes are about, so the citizen’s voice can be counted across interviews. Rename a code and every quote follows; merge two that mean the same.</p>
      <Section id="codes-heading" title="Codes">
        {codes.isPending && <Loading what="the code book" />}
        <ErrorSummary error={codes.error} />
        {codes.data && codes.data.length === 0 && (
          <EmptyState title="No codes yet">
            <p>Add codes here, or while saving a quote on an evidence item’s page.</p>
          </EmptyState>
        )}
        {codes.data && codes.data.length > 0 && (
          <DataTable
            caption="Codes"
            hideCaption
            sorting={sort}
            columns={[...sortable(['Code', 'name'], ['Description', 'description'], ['Quotes', 'quotes', 'num'], ['From citizens', 'citizens', 'num']), { label: 'Actions', hidden: true }]}
          >
            {sort.apply(codes.data).map((c) => (
              <CodeRow key={c.id} code={c} others={codes.data.filter((o) => o.id !== c.id)} />
            ))}
          </DataTable>
        )}
        <form className="inline-form" onSubmit={submit} aria-label="Add a code">
          <h3>Add a code</h3>
          <ErrorSummary error={add.error} />
          <div className="field-row">
            <TextField label="Code" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
            <TextField label="Description" value={description} onChange={setDescription} hint="What a quote must be about to carry it." />
          </div>
          <button type="submit" className="button" disabled={add.isPending || !name.trim()}>Add code</button>
        </form>
      </Section>
      <CodesByHypotheses />
    </div>
  );
}

function CodeRow({ code, others }: { code: CodeUsage; others: CodeUsage[] }) {
  const update = useApiMutation('code.update');
  const merge = useApiMutation('code.merge');
  const remove = useApiMutation('code.delete');
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [name, setName] = useState(code.name);
  const [description, setDescription] = useState(code.description ?? '');
  const [into, setInto] = useState('');
  const error = (update.error ?? merge.error ?? remove.error) as CallError | null;
  if (editing) {
    return (
      <tr>
        <td colSpan={5}>
          <form
            className="inline-form"
            aria-label={`Edit the code ${code.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ id: code.id, rev: code.rev, patch: { name, description: description || null } }, { onSuccess: () => setEditing(false) });
            }}
          >
            <ErrorSummary error={error} />
            <div className="field-row">
              <TextField label="Code" value={name} onChange={setName} error={fieldError(update.error, 'name')} />
              <TextField label="Description" value={description} onChange={setDescription} />
            </div>
            <div className="button-row">
              <button type="submit" className="button">Save</button>
              <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>Cancel</button>
            </div>
          </form>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{code.name}</th>
      <td>{code.description ?? '—'}</td>
      <td className="num">{code.quotes}</td>
      <td className="num">{code.citizenQuotes}</td>
      <td className="table__actions">
        {error && <ErrorSummary error={error} />}
        {merging ? (
          <form
            className="inline-form"
            aria-label={`Merge ${code.name} into another code`}
            onSubmit={(e) => {
              e.preventDefault();
              merge.mutate({ fromId: code.id, intoId: into }, { onSuccess: (r) => toasts.show(`Merged "${code.name}" into "${r.into.name}" (${countOf(r.quotes, 'quote')} recoded)`) });
            }}
          >
            <SelectField label={`Merge “${code.name}” into`} value={into} onChange={setInto} emptyLabel="Choose a code" options={others.map((o) => ({ value: o.id, label: o.name }))} />
            <button type="submit" className="button button--small" disabled={!into}>Merge</button>
            <button type="button" className="button button--small button--secondary" onClick={() => setMerging(false)}>Cancel</button>
          </form>
        ) : (
          <>
            <button type="button" className="button button--small button--secondary" onClick={() => setEditing(true)}>
              Rename<span className="visually-hidden"> {code.name}</span>
            </button>
            {others.length > 0 && (
              <button type="button" className="button button--small button--secondary" onClick={() => setMerging(true)}>
                Merge<span className="visually-hidden"> {code.name}</span>…
              </button>
            )}
            <button type="button" className="button button--small button--secondary" onClick={() => remove.mutate({ id: code.id, rev: code.rev }, { onSuccess: () => toasts.show(`Deleted the code "${code.name}"`) })}>
              Delete<span className="visually-hidden"> {code.name}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Where the citizen's voice supports or contradicts each hypothesis, code by code. */
function CodesByHypotheses() {
  const data = useApi('evidence.codesByHypotheses', {});
  const d = data.data;
  return (
    <Section id="codes-hypotheses-heading" title="Codes × hypotheses">
      <ErrorSummary error={data.error} />
      <p className="muted">Rated quotes per code: supporting / contradicting each hypothesis, with how many are the citizen’s perspective.</p>
      {d && (d.codes.length === 0 || d.hypotheses.length === 0) && <p>Code some quotes and rate them against hypotheses to fill this table.</p>}
      {d && d.codes.length > 0 && d.hypotheses.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Rated quotes by code and hypothesis, scrollable" tabIndex={0}>
          <DataTable caption="Rated quotes by code and hypothesis" hideCaption columns={['Code', ...d.hypotheses.map((h) => ({ label: h.statement.length > 50 ? `${h.statement.slice(0, 47)}…` : h.statement, key: h.id }))]}>
            {d.codes.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                {d.hypotheses.map((h) => {
                  const cell = d.cells[`${c.id}:${h.id}`];
                  return (
                    <td key={h.id} className={cell ? (cell.supporting >= cell.contradicting ? 'cell--for' : 'cell--against') : undefined}>
                      {cell ? (
                        <>
                          <span>{cell.supporting} for / {cell.contradicting} against</span>
                          <span className="muted small"> (citizens {cell.citizenSupporting} / {cell.citizenContradicting})</span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </Section>
  );
}
