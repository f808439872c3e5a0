import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RULE_FIELDS, RULE_FIELD_LABELS, RULE_OPS, RULE_OP_LABELS, RULE_PRIORITY, type RuleField, type RuleOp, type SpendRule } from '../../../shared/domain/spend';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmItem } from '../../kit/feedback/ConfirmDialog';
import { EmptyState, ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber } from '../../kit/format/number';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { useSort } from '../../kit/list/useSort';
import { SpendHeader } from './SpendHeader';
import './spend.css';

interface Draft {
  field: string;
  op: string;
  pattern: string;
  themeId: string;
  priority: string;
  /** '' for every organisation. */
  organisationId: string;
}

const blank: Draft = { field: 'serviceArea', op: 'contains', pattern: '', themeId: '', priority: String(RULE_PRIORITY.default), organisationId: '' };
const reclassifiedText = (n: number) => `${countOf(n, 'line')} reclassified`;
const describe = (r: SpendRule) => `${RULE_FIELD_LABELS[r.field]} ${RULE_OP_LABELS[r.op]} ${r.pattern}`;

export function RulesPage() {
  const [params] = useSearchParams();
  const rules = useApi('spendRule.list', {});
  const hits = useApi('spendRule.hits', {});
  const overview = useApi('pilot.overview', {});
  const orgs = useApi('organisation.list', {});
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
    ...(params.get('org') ? { organisationId: params.get('org')! } : {}),
  }));
  const themes = overview.data?.themes ?? [];
  const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? '(deleted theme)';
  const orgName = (id: string | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? '(deleted organisation)') : 'All organisations');
  const hitsOf = (id: string) => hits.data?.byRule[id] ?? { rows: 0, totalPence: 0 };
  // The order rules are tried in is the list's own; any column can sort it for reading.
  const sort = useSort<SpendRule>({
    priority: (r) => r.priority,
    rule: (r) => describe(r),
    theme: (r) => themeName(r.themeId),
    organisation: (r) => orgName(r.organisationId),
    lines: (r) => hitsOf(r.id).rows,
    spend: (r) => hitsOf(r.id).totalPence,
  });
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const error = editing ? update.error : add.error;

  const submit = () => {
    const values = { field: draft.field as RuleField, op: draft.op as RuleOp, pattern: draft.pattern, themeId: draft.themeId, priority: Number(draft.priority), organisationId: draft.organisationId || null };
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
      <p className="lead">
        Rules put spend lines into themes by service area, expense type, supplier, organisation unit or description, for every organisation or for one. They are tried in priority order ({RULE_PRIORITY.first} first) and
        the first match wins. Every change is applied to the lines already imported; lines themed by hand keep their theme.
      </p>
      {hits.data && hits.data.unrecorded.rows > 0 && (
        <p className="spend-notice" role="status">
          {formatNumber(hits.data.unrecorded.rows)} lines were classified before this version counted which rule classified each line. Re-apply all rules to count them.
        </p>
      )}
      {hits.data && hits.data.manual.rows > 0 && (
        <p>
          <Link to="/spend/lines?by=manual">{formatNumber(hits.data.manual.rows)} lines ({formatMoney(hits.data.manual.totalPence)}) have a theme set by hand</Link>; the rules leave them as they are.
        </p>
      )}
      <ListState
        query={{ data: rules.data, isPending: rules.isPending, error: rules.error ?? remove.error ?? reapply.error }}
        what="rules"
        empty={
          <EmptyState title="No rules yet">
            <p>Add a rule below, or work from the <Link to="/spend/unclassified">unclassified spend</Link>, biggest first.</p>
          </EmptyState>
        }
      >
        {(rows) => (
          <>
            <DataTable
              caption={`${countOf(rows.length, 'rule')}${sort.key ? '' : ', in the order they are tried'}, with the lines each has classified`}
              sorting={sort}
              columns={[
                ...sortable(['Priority', 'priority'], ['Rule', 'rule'], ['Theme', 'theme'], ['Organisation', 'organisation'], ['Lines', 'lines', 'num'], ['Spend', 'spend', 'num']),
                { label: 'Actions', className: 'table__actions' },
              ]}
            >
              {sort.apply(rows).map((r) => (
                <tr key={r.id}>
                  <td>{r.priority}</td>
                  <td>
                    {RULE_FIELD_LABELS[r.field]} {RULE_OP_LABELS[r.op]} “{r.pattern}”
                  </td>
                  <td>{themeName(r.themeId)}</td>
                  <td>{orgName(r.organisationId)}</td>
                  <td className="num">
                    <Link to={`/spend/lines?by=${r.id}`} aria-label={`${formatNumber(hitsOf(r.id).rows)} lines classified by the rule ${describe(r)}`}>
                      {formatNumber(hitsOf(r.id).rows)}
                    </Link>
                  </td>
                  <td className="num">{formatMoney(hitsOf(r.id).totalPence)}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Edit rule: ${describe(r)}`}
                      onClick={() => {
                        setEditing(r);
                        setDraft({ field: r.field, op: r.op, pattern: r.pattern, themeId: r.themeId, priority: String(r.priority), organisationId: r.organisationId ?? '' });
                      }}
                    >
                      Edit
                    </button>{' '}
                    <button type="button" className="button button--danger button--small" aria-label={`Delete rule: ${describe(r)}`} onClick={() => setDeleting(r)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
            <p>
              <button type="button" className="button button--secondary button--small" disabled={reapply.isPending} onClick={() => reapply.mutate({}, { onSuccess: (r) => toasts.show(`Rules re-applied; ${reclassifiedText(r.reclassified)}`) })}>
                Re-apply all rules
              </button>
            </p>
          </>
        )}
      </ListState>

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
              <SelectField label="Look at" value={draft.field} onChange={set('field')} options={labelledOptions(RULE_FIELDS, RULE_FIELD_LABELS)} error={fieldError(error, 'field')} />
              <SelectField label="Match" value={draft.op} onChange={set('op')} options={labelledOptions(RULE_OPS, RULE_OP_LABELS)} error={fieldError(error, 'op')} />
              <TextField label="Text to match" value={draft.pattern} onChange={set('pattern')} hint={draft.op === 'regex' ? 'A regular expression, e.g. ^adult' : 'Case does not matter'} error={fieldError(error, 'pattern')} />
            </div>
            <div className="field-row">
              <SelectField label="Theme" value={draft.themeId} onChange={set('themeId')} emptyLabel="Choose a theme" options={namedOptions(themes)} error={fieldError(error, 'themeId')} />
              <TextField label="Priority" type="number" min={String(RULE_PRIORITY.first)} max={String(RULE_PRIORITY.last)} value={draft.priority} onChange={set('priority')} hint={`${RULE_PRIORITY.first} is tried first`} error={fieldError(error, 'priority')} />
              <SelectField
                label="For the lines of"
                hint="One organisation's lines, or every organisation's"
                value={draft.organisationId}
                onChange={set('organisationId')}
                emptyLabel="All organisations"
                options={namedOptions(orgs.data)}
                error={fieldError(error, 'organisationId')}
              />
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
      <ConfirmItem
        item={deleting}
        title="Delete this rule?"
        confirmLabel="Delete rule"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={(r) => remove.mutate({ id: r.id, rev: r.rev }, { onSuccess: (x) => toasts.show(`Rule moved to the recycle bin; ${reclassifiedText(x.reclassified)}`) })}
      >
        {(r) =>
          hitsOf(r.id).rows > 0 ? (
            <p>{`It classified ${countOf(hitsOf(r.id).rows, 'line')} (${formatMoney(hitsOf(r.id).totalPence)}). They become unclassified unless another rule matches them.`}</p>
          ) : (
            <p>It classifies no lines at present.</p>
          )
        }
      </ConfirmItem>
    </div>
  );
}
