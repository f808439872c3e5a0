import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RULE_FIELDS, RULE_FIELD_LABELS, RULE_OPS, RULE_OP_LABELS, type RuleField, type RuleOp, type SpendRule } from '../../../shared/domain/spend';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorSummary, Loading, fieldError } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { SpendHeader } from './SpendHeader';

interface Draft {
  field: string;
  op: string;
  pattern: string;
  themeId: string;
  priority: string;
}

const blank: Draft = { field: 'serviceArea', op: 'contains', pattern: '', themeId: '', priority: '100' };
const reclassifiedText = (n: number) => `${n.toLocaleString('en-GB')} line${n === 1 ? '' : 's'} reclassified`;

export function RulesPage() {
  const [params] = useSearchParams();
  const rules = useApi('spendRule.list', {});
  const overview = useApi('pilot.overview', {});
  const add = useApiMutation('spendRule.add');
  const update = useApiMutation('spendRule.update');
  const remove = useApiMutation('spendRule.delete');
  const reapply = useApiMutation('spend.reclassify');
  const toasts = useToasts();
  const [editing, setEditing] = useState<SpendRule | null>(null);
  const [deleting, setDeleting] = useState<SpendRule | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({
    ...blank,
    ...(params.get('field') && RULE_FIELDS.includes(params.get('field') as RuleField) ? { field: params.get('field')! } : {}),
    ...(params.get('op') && RULE_OPS.includes(params.get('op') as RuleOp) ? { op: params.get('op')! } : {}),
    ...(params.get('pattern') ? { pattern: params.get('pattern')! } : {}),
  }));
  const themes = overview.data?.themes ?? [];
  const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? '(deleted theme)';
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const error = editing ? update.error : add.error;

  const submit = () => {
    const values = { field: draft.field as RuleField, op: draft.op as RuleOp, pattern: draft.pattern, themeId: draft.themeId, priority: Number(draft.priority) };
    const done = (r: { reclassified: number }, verb: string) => {
      toasts.show(`Rule ${verb}; ${reclassifiedText(r.reclassified)}`);
      setDraft(blank);
      setEditing(null);
    };
    if (editing) update.mutate({ id: editing.id, rev: editing.rev, patch: values }, { onSuccess: (r) => done(r, 'saved') });
    else add.mutate(values, { onSuccess: (r) => done(r, 'added') });
  };

  return (
    <div className="page page--wide">
      <SpendHeader title="Classification rules" />
      <p className="lead">Rules put spend lines into themes by service area, expense type or supplier. They are tried in priority order (1 first) and the first match wins. Every change is applied to the lines already imported.</p>
      {rules.isPending && <Loading what="rules" />}
      <ErrorSummary error={rules.error ?? remove.error ?? reapply.error} />
      {rules.data && rules.data.length === 0 && (
        <EmptyState title="No rules yet">
          <p>Add a rule below, or work from the <Link to="/spend/unclassified">unclassified spend</Link>, biggest first.</p>
        </EmptyState>
      )}
      {rules.data && rules.data.length > 0 && (
        <table className="table">
          <caption>{rules.data.length} rule{rules.data.length === 1 ? '' : 's'}, in the order they are tried</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Rule</th>
              <th scope="col">Theme</th>
              <th scope="col" className="table__actions">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <td>{r.priority}</td>
                <td>
                  {RULE_FIELD_LABELS[r.field]} {RULE_OP_LABELS[r.op]} “{r.pattern}”
                </td>
                <td>{themeName(r.themeId)}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`Edit rule: ${RULE_FIELD_LABELS[r.field]} ${RULE_OP_LABELS[r.op]} ${r.pattern}`}
                    onClick={() => {
                      setEditing(r);
                      setDraft({ field: r.field, op: r.op, pattern: r.pattern, themeId: r.themeId, priority: String(r.priority) });
                    }}
                  >
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--danger button--small" aria-label={`Delete rule: ${RULE_FIELD_LABELS[r.field]} ${RULE_OP_LABELS[r.op]} ${r.pattern}`} onClick={() => setDeleting(r)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rules.data && rules.data.length > 0 && (
        <p>
          <button type="button" className="button button--secondary button--small" disabled={reapply.isPending} onClick={() => reapply.mutate({}, { onSuccess: (r) => toasts.show(`Rules re-applied; ${reclassifiedText(r.reclassified)}`) })}>
            Re-apply all rules
          </button>
        </p>
      )}

      <form
        className="card"
        aria-labelledby="rule-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="rule-form-heading">{editing ? 'Edit the rule' : 'Add a rule'}</h2>
        {themes.length === 0 ? (
          <EmptyState title="Add themes first">
            <p>Rules put spend into themes (for example older people, or drugs and alcohol). <Link to="/setup">Add themes on the set-up page</Link>.</p>
          </EmptyState>
        ) : (
          <>
            <ErrorSummary error={error} />
            <div className="field-row">
              <SelectField label="Look at" value={draft.field} onChange={set('field')} options={RULE_FIELDS.map((f) => ({ value: f, label: RULE_FIELD_LABELS[f] }))} error={fieldError(error, 'field')} />
              <SelectField label="Match" value={draft.op} onChange={set('op')} options={RULE_OPS.map((o) => ({ value: o, label: RULE_OP_LABELS[o] }))} error={fieldError(error, 'op')} />
              <TextField label="Text to match" value={draft.pattern} onChange={set('pattern')} hint={draft.op === 'regex' ? 'A regular expression, e.g. ^adult' : 'Case does not matter'} error={fieldError(error, 'pattern')} />
            </div>
            <div className="field-row">
              <SelectField label="Theme" value={draft.themeId} onChange={set('themeId')} emptyLabel="Choose a theme" options={themes.map((t) => ({ value: t.id, label: t.name }))} error={fieldError(error, 'themeId')} />
              <TextField label="Priority" type="number" min="1" max="1000" value={draft.priority} onChange={set('priority')} hint="1 is tried first" error={fieldError(error, 'priority')} />
            </div>
            <div className="button-row">
              <button type="submit" className="button" disabled={add.isPending || update.isPending}>
                {editing ? 'Save rule' : 'Add rule'}
              </button>
              {editing && (
                <button type="button" className="button button--secondary" onClick={() => { setEditing(null); setDraft(blank); }}>
                  Cancel editing
                </button>
              )}
            </div>
          </>
        )}
      </form>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this rule?"
        confirmLabel="Delete rule"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const r = deleting!;
          setDeleting(null);
          remove.mutate({ id: r.id, rev: r.rev }, { onSuccess: (x) => toasts.show(`Rule moved to the recycle bin; ${reclassifiedText(x.reclassified)}`) });
        }}
      >
        <p>Lines it classified become unclassified unless another rule matches them.</p>
      </ConfirmDialog>
    </div>
  );
}
