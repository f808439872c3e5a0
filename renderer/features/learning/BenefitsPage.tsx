import { useState } from 'react';
import { formatPounds, parsePoundsToPence, penceToInput } from '../../../shared/calc/benefits';
import { formatDate, localToday } from '../../../shared/calc/timetable';
import type { BenefitView } from '../../../shared/domain/learning';
import { CallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading, fieldError } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { HistoryList } from '../hypotheses/HistoryList';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { BenefitsChart } from './BenefitsChart';
import { MomentumTabs } from './LearningTabs';

/** A money field's text as pence, or a field error the form shows before anything is sent. */
function pence(text: string, field: string, label: string): number | CallError {
  const p = parsePoundsToPence(text);
  return p === null ? new CallError('INVALID_INPUT', `${label}: enter an amount in pounds, like 12,000 or 350.50`, { [field]: 'Enter an amount in pounds, like 12,000 or 350.50' }) : p;
}

function RealisationForm({ benefit }: { benefit: BenefitView }) {
  const add = useApiMutation('realisation.add');
  const [realisedOn, setRealisedOn] = useState(localToday());
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<CallError | null>(null);
  const error = localError ?? add.error;
  return (
    <form
      className="inline-form"
      aria-label={`Record a realisation for ${benefit.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        const p = pence(amount, 'realisedPence', 'Amount realised');
        if (p instanceof CallError) return setLocalError(p);
        setLocalError(null);
        add.mutate({ benefitId: benefit.id, realisedOn, realisedPence: p, note }, { onSuccess: () => { setAmount(''); setNote(''); } });
      }}
    >
      <h4>Record money realised</h4>
      <ErrorSummary error={error} />
      <div className="field-row">
        <TextField label="Date" type="date" value={realisedOn} onChange={setRealisedOn} error={fieldError(error, 'realisedOn')} />
        <TextField label="Amount realised (£)" value={amount} onChange={setAmount} error={fieldError(error, 'realisedPence')} />
        <TextField label="Note" value={note} onChange={setNote} error={fieldError(error, 'note')} />
      </div>
      <button type="submit" className="button button--small" disabled={add.isPending}>Record</button>
    </form>
  );
}

function BenefitCard({ benefit: b }: { benefit: BenefitView }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteWithUndo('benefit.delete', 'benefits');
  const removeRealisation = useDeleteWithUndo('realisation.delete', 'benefitRealisations');
  const gap = b.expectedToDatePence === null ? null : b.realisedToDatePence - b.expectedToDatePence;
  return (
    <article className="card" aria-labelledby={`benefit-${b.id}`}>
      <h3 id={`benefit-${b.id}`}>{b.title}</h3>
      <dl className="details">
        <dt>Owner</dt><dd>{[b.owner, b.organisationName].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Measure</dt><dd>{b.measure ?? '—'}</dd>
        <dt>Target</dt><dd>{b.target ?? '—'}</dd>
        <dt>Full-year value</dt><dd>{formatPounds(b.fullYearPence)} {b.cashReleasing ? '(cash-releasing)' : '(not cash-releasing)'}</dd>
        <dt>Starts</dt><dd>{formatDate(b.startsOn)}</dd>
        <dt>Expected to date</dt><dd>{b.expectedToDatePence === null ? 'Give a start date to compare' : formatPounds(b.expectedToDatePence)}</dd>
        <dt>Realised to date</dt>
        <dd>
          {formatPounds(b.realisedToDatePence)}
          {gap !== null && gap !== 0 && <span className={gap < 0 ? 'shortfall' : 'ahead'}> ({gap < 0 ? `${formatPounds(-gap)} behind` : `${formatPounds(gap)} ahead`})</span>}
        </dd>
      </dl>
      {b.realisations.length > 0 && (
        <table className="table">
          <caption>Realisations</caption>
          <thead><tr><th scope="col">Date</th><th scope="col" className="num">Amount</th><th scope="col">Note</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {b.realisations.map((r) => (
              <tr key={r.id}>
                <td>{formatDate(r.realisedOn)}</td>
                <td className="num">{formatPounds(r.realisedPence, { pence: true })}</td>
                <td>{r.note ?? '—'}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete the realisation of ${formatDate(r.realisedOn)}`} onClick={() => void removeRealisation(r, `${formatPounds(r.realisedPence)} on ${formatDate(r.realisedOn)}`)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RealisationForm benefit={b} />
      {editing ? (
        <BenefitForm key={b.rev} initial={b} onDone={() => setEditing(false)} />
      ) : (
        <div className="button-row">
          <button type="button" className="button button--small button--secondary" aria-label={`Edit benefit ${b.title}`} onClick={() => setEditing(true)}>Edit</button>
          <button type="button" className="button button--small button--secondary" aria-label={`Delete benefit ${b.title}`} onClick={() => void remove(b, b.title)}>Delete benefit</button>
        </div>
      )}
      <HistoryList table="benefits" id={b.id} />
    </article>
  );
}

interface BenefitValues {
  title: string;
  owner: string;
  organisationId: string;
  measure: string;
  target: string;
  fullYear: string;
  cashReleasing: boolean;
  startsOn: string;
  notes: string;
}

const benefitValues = (b: BenefitView | null): BenefitValues => ({
  title: b?.title ?? '',
  owner: b?.owner ?? '',
  organisationId: b?.organisationId ?? '',
  measure: b?.measure ?? '',
  target: b?.target ?? '',
  fullYear: b ? penceToInput(b.fullYearPence) : '',
  cashReleasing: b?.cashReleasing ?? false,
  startsOn: b?.startsOn ?? '',
  notes: b?.notes ?? '',
});

/** Adds a benefit, or edits one (the earlier version stays in its history). */
function BenefitForm({ initial, onDone }: { initial: BenefitView | null; onDone?(): void }) {
  const overview = useApi('pilot.overview', {});
  const add = useApiMutation('benefit.add');
  const update = useApiMutation('benefit.update');
  const toasts = useToasts();
  const [v, setV] = useState(() => benefitValues(initial));
  const [localError, setLocalError] = useState<CallError | null>(null);
  const error = localError ?? (initial ? update.error : add.error);
  const set = (k: keyof BenefitValues) => (value: string) => setV((o) => ({ ...o, [k]: value }));
  const label = initial ? `Edit ${initial.title}` : 'Add a benefit';
  return (
    <form
      className={initial ? 'inline-form' : 'card'}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        const p = pence(v.fullYear, 'fullYearPence', 'Full-year value');
        if (p instanceof CallError) return setLocalError(p);
        setLocalError(null);
        const data = { title: v.title, owner: v.owner, organisationId: v.organisationId || null, measure: v.measure, target: v.target, fullYearPence: p, cashReleasing: v.cashReleasing, startsOn: v.startsOn, notes: v.notes };
        if (initial) update.mutate({ id: initial.id, rev: initial.rev, patch: data }, { onSuccess: () => { toasts.show('Changes saved'); onDone?.(); } });
        else add.mutate(data, { onSuccess: (b) => { toasts.show(`Added benefit ${b.title}`); setV(benefitValues(null)); } });
      }}
    >
      {initial ? <h4>Edit this benefit</h4> : <h2>Add a benefit</h2>}
      <ErrorSummary error={error} />
      <TextField label="Benefit" value={v.title} onChange={set('title')} error={fieldError(error, 'title')} />
      <div className="field-row">
        <TextField label="Owner" value={v.owner} onChange={set('owner')} error={fieldError(error, 'owner')} />
        <SelectField label="Organisation" value={v.organisationId} onChange={set('organisationId')} emptyLabel="None" options={(overview.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
      </div>
      <div className="field-row">
        <TextField label="Measure" hint="How you will know" value={v.measure} onChange={set('measure')} error={fieldError(error, 'measure')} />
        <TextField label="Target" value={v.target} onChange={set('target')} error={fieldError(error, 'target')} />
      </div>
      <div className="field-row">
        <TextField label="Full-year value (£)" value={v.fullYear} onChange={set('fullYear')} error={fieldError(error, 'fullYearPence')} />
        <TextField label="Starts" hint="When the benefit should begin to flow" type="date" value={v.startsOn} onChange={set('startsOn')} error={fieldError(error, 'startsOn')} />
      </div>
      <div className="field checkbox-single">
        <label><input type="checkbox" checked={v.cashReleasing} onChange={(e) => setV((o) => ({ ...o, cashReleasing: e.target.checked }))} /> Cash-releasing (money can come out of a budget)</label>
      </div>
      <TextArea label="Notes" value={v.notes} onChange={set('notes')} error={fieldError(error, 'notes')} />
      <div className="button-row">
        <button type="submit" className="button" disabled={add.isPending || update.isPending}>{initial ? 'Save changes' : 'Add benefit'}</button>
        {onDone && <button type="button" className="button button--secondary" onClick={onDone}>Cancel</button>}
      </div>
    </form>
  );
}

export function BenefitsPage() {
  const list = useApi('benefit.list', {});
  const series = useApi('benefit.overTime', {});
  const total = (list.data ?? []).reduce((s, b) => s + b.fullYearPence, 0);
  const realised = (list.data ?? []).reduce((s, b) => s + b.realisedToDatePence, 0);
  return (
    <div className="page page--wide">
      <div className="page-header">
        <h1>Benefits register</h1>
        <MomentumTabs />
      </div>
      <p className="lead">After the pilot: each benefit's owner, measure and full-year value, and what has actually been realised, so the estimates can be held to account.</p>
      {list.isPending && <Loading what="the benefits register" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title="No benefits registered yet">
          <p>Add each benefit the pilot expects, with its full-year value and when it should start. Then record what is realised as it comes in.</p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <>
          <div className="tiles tiles--compact">
            <div className="tile tile--static"><h2>Benefits</h2><p className="tile__figure">{list.data.length}</p></div>
            <div className="tile tile--static"><h2>Full-year value</h2><p className="tile__figure">{formatPounds(total)}</p></div>
            <div className="tile tile--static"><h2>Realised to date</h2><p className="tile__figure">{formatPounds(realised)}</p></div>
          </div>
          <section aria-labelledby="over-time">
            <h2 id="over-time">Estimated against realised</h2>
            {series.data && <BenefitsChart series={series.data} />}
          </section>
          <section aria-labelledby="register">
            <h2 id="register">The register</h2>
            {list.data.map((b) => <BenefitCard key={b.id} benefit={b} />)}
          </section>
        </>
      )}
      <BenefitForm initial={null} />
    </div>
  );
}
