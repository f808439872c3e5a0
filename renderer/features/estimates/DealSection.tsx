import { useMemo, useState } from 'react';
import { DEAL_RULE_LABELS, DEAL_RULE_TEXT, DEAL_RULES, proposeTransfers, settle, type DealRule, type DealTransfer } from '../../../shared/calc/deal';
import { UNASSIGNED_ORGANISATION } from '../../../shared/calc/interventionModel';
import type { PortfolioPage } from '../../../shared/contract/estimates';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';
import { formatMoney, parsePounds, poundsInput } from '../../kit/format/money';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';

interface TransferDraft {
  from: string;
  to: string;
  amount: string;
}

const draftsOf = (ts: readonly DealTransfer[]): TransferDraft[] => ts.map((t) => ({ from: t.from, to: t.to, amount: poundsInput(t.amount) }));
const same = (a: readonly DealTransfer[], b: readonly DealTransfer[]) => a.length === b.length && a.every((t, i) => t.from === b[i]!.from && t.to === b[i]!.to && t.amount === b[i]!.amount);

/** A compact organisation chooser for a cell of the transfers table. */
function OrganisationSelect({ label, value, organisations, onChange }: { label: string; value: string; organisations: string[]; onChange(v: string): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {organisations.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/**
 * The deal for the wrong pocket: the rule's proposed transfers, editable, with every
 * organisation's position before and after, recomputed as the transfers are typed.
 */
export function DealSection({ p }: { p: PortfolioPage }) {
  const save = useApiMutation('estimate.dealSave');
  const [rule, setRule] = useState<DealRule>(p.deal.rule);
  const [drafts, setDrafts] = useState<TransferDraft[]>(() => draftsOf(p.deal.transfers));
  const [note, setNote] = useState<string | null>(null);
  const input = useMemo(() => ({ positions: p.byOrganisation, wrongPocket: p.wrongPocket, costs: p.byOrganisation }), [p]);
  const proposal = useMemo(() => proposeTransfers(input, rule), [input, rule]);
  const organisations = [...new Set([...p.byOrganisation.map((o) => o.organisation), ...Object.keys(p.organisationIds)])];

  const parsed = drafts.map((d) => ({ ...d, pence: parsePounds(d.amount, { blank: null }) }));
  const invalid = parsed.some((d) => d.pence === null || d.pence <= 0 || d.from === d.to || !d.from || !d.to);
  const transfers: DealTransfer[] = parsed.filter((d) => d.pence !== null && d.pence > 0 && d.from && d.to && d.from !== d.to).map((d) => ({ from: d.from, to: d.to, amount: d.pence! }));
  const positions = settle(p.byOrganisation, transfers);
  const short = positions.filter((x) => x.after < 0);
  const edited = !same(transfers, proposal);
  const npv = p.byOrganisation.reduce((a, o) => a + o.net, 0);

  const set = (i: number, patch: Partial<TransferDraft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const idOf = (name: string) => (name === UNASSIGNED_ORGANISATION ? null : (p.organisationIds[name] ?? undefined));
  const unknown = transfers.flatMap((t) => [t.from, t.to]).filter((n) => idOf(n) === undefined);

  const onSave = () => {
    setNote(null);
    save.mutate(
      {
        rev: p.dealRecord?.rev ?? null,
        rule,
        note: p.dealRecord?.note ?? null,
        // Not edited: follow the rule's proposal as the figures change.
        transfers: edited ? transfers.map((t) => ({ fromOrganisationId: idOf(t.from) ?? null, toOrganisationId: idOf(t.to) ?? null, amountPence: t.amount })) : null,
      },
      { onSuccess: () => setNote(edited ? 'Saved the transfers as edited.' : 'Saved: the deal follows the rule’s proposal.') },
    );
  };

  return (
    <Section id="deal-heading" title="A deal for the wrong pocket">
      <p className="muted">
        Transfers between the organisations so that none is left out of pocket. The positions are each organisation's central present values across the portfolio.
      </p>
      <SelectField
        label="Rule"
        value={rule}
        onChange={(v) => {
          const r = v as DealRule;
          setRule(r);
          if (!edited) setDrafts(draftsOf(proposeTransfers(input, r)));
        }}
        options={labelledOptions(DEAL_RULES, DEAL_RULE_LABELS)}
      />
      <p>{DEAL_RULE_TEXT[rule]}</p>
      {npv < 0 && (
        <p className="warning" role="status" data-testid="deal-message">
          The portfolio's net present value is {formatMoney(npv)}, below zero, so no deal can make every agency whole: between them the organisations lose money, however it is shared.
        </p>
      )}
      {npv >= 0 && (
        <p role="status" data-testid="deal-message">
          {invalid
            ? 'Some transfers need correcting before the positions can be worked out.'
            : short.length
              ? `With these transfers ${short.map((s) => s.organisation).join(', ')} ${short.length === 1 ? 'is' : 'are'} still out of pocket.`
              : transfers.length
                ? 'After these transfers every organisation’s net position is £0 or more.'
                : 'Every organisation already breaks even or better: no transfers are needed.'}
          {edited && ' (Edited: not the rule’s proposal.)'}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label="Transfers, scrollable" tabIndex={0}>
        <DataTable className="table table--compact" caption="Transfers (present values, £)" columns={['Pays', 'To', { label: 'Amount (£)', num: true }, { label: 'Actions', hidden: true }]}>
          {drafts.map((d, i) => {
            const bad = parsed[i]!.pence === null || parsed[i]!.pence! <= 0;
            return (
              <tr key={i}>
                <td>
                  <OrganisationSelect label={`Transfer ${i + 1}: who pays`} value={d.from} organisations={organisations} onChange={(from) => set(i, { from })} />
                </td>
                <td>
                  <OrganisationSelect label={`Transfer ${i + 1}: who receives`} value={d.to} organisations={organisations} onChange={(to) => set(i, { to })} />
                  {d.from === d.to && <span className="grid-error">An organisation cannot pay itself</span>}
                </td>
                <td className="num">
                  <input
                    className={`grid-input${bad ? ' grid-input--error' : ''}`}
                    inputMode="decimal"
                    aria-label={`Transfer ${i + 1}: amount (£)`}
                    aria-invalid={bad ? true : undefined}
                    value={d.amount}
                    onChange={(e) => set(i, { amount: e.target.value })}
                  />
                  {bad && <span className="grid-error">Enter an amount above £0</span>}
                </td>
                <td className="table__actions">
                  <button type="button" className="button button--small button--secondary" onClick={() => setDrafts((ds) => ds.filter((_, k) => k !== i))}>
                    Remove<span className="visually-hidden"> transfer {i + 1}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </DataTable>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          disabled={organisations.length < 2}
          onClick={() => setDrafts((ds) => [...ds, { from: organisations[0] ?? '', to: organisations[1] ?? '', amount: '' }])}
        >
          Add a transfer
        </button>
        <button type="button" className="button button--secondary" disabled={!edited} onClick={() => setDrafts(draftsOf(proposal))}>
          Use the rule's proposal
        </button>
        <button type="button" className="button" disabled={invalid || unknown.length > 0 || save.isPending} onClick={onSave}>
          Save the deal
        </button>
      </div>
      {unknown.length > 0 && <p className="field__error">{[...new Set(unknown)].join(', ')} is no longer an organisation of the pilot: change those transfers.</p>}
      <ErrorSummary error={save.error} />
      {note && <p role="status">{note}</p>}
      <DataTable caption="Each organisation's position before and after the transfers (central present values)" columns={['Organisation', ...numeric('Before', 'Pays', 'Receives', 'After')]}>
        {positions.map((x) => (
          <tr key={x.organisation}>
            <th scope="row">{x.organisation}</th>
            <td className="num">{formatMoney(x.before)}</td>
            <td className="num">{formatMoney(x.paid)}</td>
            <td className="num">{formatMoney(x.received)}</td>
            <td className={`num${x.after < 0 ? ' negative' : ''}`}>{formatMoney(x.after)}</td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
