/**
 * A deal for the wrong pocket: transfers between organisations that leave every one of them at a
 * net position of £0 or more, whenever the portfolio's net present value is £0 or more (and, when
 * it is negative, the plain statement that no deal can). Positions are the portfolio's central
 * present values per organisation, in whole pence; every transfer is whole pence from one
 * organisation to another, so the transfers always sum to zero.
 *
 * Two stated rules:
 * - gain-share: each organisation left out of pocket is paid its shortfall (so it ends at £0); the
 *   organisations that gain pay for that in proportion to the benefit they receive from other
 *   organisations' spending (the wrong-pocket matrix), never more than their own gain.
 * - pooled budget: costs and benefits go into one pot, and its net present value is shared in
 *   proportion to what each organisation pays.
 * Either way a payment is split across the organisations it goes to in proportion to what each is
 * owed. Proposed transfers can be edited; positions after the (edited) transfers are recomputed
 * and any organisation still out of pocket is named.
 */
import { formatPounds } from './benefits';

export const DEAL_RULES = ['gain-share', 'pooled-budget'] as const;
export type DealRule = (typeof DEAL_RULES)[number];

export const DEAL_RULE_LABELS: Record<DealRule, string> = {
  'gain-share': 'Gain-share: pay back whoever is out of pocket',
  'pooled-budget': 'Pooled budget: share the net value by what each pays',
};

export const DEAL_RULE_TEXT: Record<DealRule, string> = {
  'gain-share':
    'Each organisation left out of pocket is paid its shortfall, so it ends at £0. The organisations that gain pay for it in proportion to the benefit they receive from other organisations’ spending (never more than their own gain); each payment is split across the organisations owed in proportion to what each is owed.',
  'pooled-budget':
    'Costs and benefits go into one pot, and its net present value is shared in proportion to what each organisation pays: an organisation paying 40 % of the costs ends with 40 % of the net value. Organisations that pay nothing end at £0.',
};

export interface DealTransfer {
  from: string;
  to: string;
  /** Pence, more than zero. */
  amount: number;
}

export interface DealPosition {
  organisation: string;
  /** Net present value before transfers (benefits received − costs paid). */
  before: number;
  paid: number;
  received: number;
  after: number;
}

export interface Deal {
  rule: DealRule;
  ruleText: string;
  /** Sum of the positions before transfers: the portfolio's central NPV, to the penny. */
  npv: number;
  /** Whether a deal can leave every organisation at £0 or more (npv ≥ 0). */
  possible: boolean;
  message: string;
  /** The transfers in force: the edited ones when there are any, otherwise the proposal. */
  transfers: DealTransfer[];
  proposed: DealTransfer[];
  edited: boolean;
  positions: DealPosition[];
  /** Organisations still below £0 after the transfers in force. */
  shortfalls: string[];
}

export interface DealInput {
  /** Central positions per organisation, whole pence. */
  positions: readonly { organisation: string; net: number }[];
  /** The wrong-pocket matrix (rows pay, columns benefit), whole pence. */
  wrongPocket: { payers: readonly string[]; beneficiaries: readonly string[]; cells: readonly (readonly number[])[] };
  /** What each organisation pays (PV of costs), for the pooled budget. */
  costs?: readonly { organisation: string; pvCosts: number }[];
}

/** a · b / c rounded down, exactly (pence totals can pass 2^53 when multiplied). */
const mulDivFloor = (a: number, b: number, c: number): number => Number((BigInt(a) * BigInt(b)) / BigInt(c));

/**
 * Whole-pence flows from payers to receivers whose totals are equal: each payer's amount is split
 * across the receivers in proportion to what each receives (rounded down), and the pennies left by
 * rounding are settled in order, so every payer pays and every receiver gets exactly its amount.
 */
export function splitFlows(payers: readonly [string, number][], receivers: readonly [string, number][]): DealTransfer[] {
  const total = receivers.reduce((a, [, r]) => a + r, 0);
  if (total <= 0) return [];
  const x = payers.map(([, a]) => receivers.map(([, r]) => mulDivFloor(a, r, total)));
  const rowLeft = payers.map(([, a], i) => a - x[i]!.reduce((s, v) => s + v, 0));
  const colLeft = receivers.map(([, r], j) => r - x.reduce((s, row) => s + row[j]!, 0));
  for (let i = 0; i < payers.length; i++) {
    for (let j = 0; j < receivers.length && rowLeft[i]! > 0; j++) {
      const t = Math.min(rowLeft[i]!, colLeft[j]!);
      if (t <= 0) continue;
      x[i]![j] = x[i]![j]! + t;
      rowLeft[i] = rowLeft[i]! - t;
      colLeft[j] = colLeft[j]! - t;
    }
  }
  const out: DealTransfer[] = [];
  payers.forEach(([from], i) => receivers.forEach(([to], j) => x[i]![j]! > 0 && from !== to && out.push({ from, to, amount: x[i]![j]! })));
  return out;
}

/** Shares of `total` pence in proportion to whole-pence `weights`, summing to `total` exactly (largest remainder). */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const w = weights.map((x) => BigInt(Math.max(0, Math.round(x))));
  const sum = w.reduce((a, x) => a + x, 0n);
  if (sum === 0n || total === 0) return weights.map(() => 0);
  const t = BigInt(total);
  const out = w.map((x) => (t * x) / sum);
  const rem = w.map((x, i) => [(t * x) % sum, i] as const).sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] > b[0] ? -1 : 1));
  let left = t - out.reduce((a, x) => a + x, 0n);
  // The remainders add up to `left` shares of a penny (fewer than there are weights): one each, largest first.
  for (const [, i] of rem) {
    if (left <= 0n) break;
    out[i] = out[i]! + 1n;
    left--;
  }
  return out.map(Number);
}

/** What each gaining organisation pays towards `owed` pence: ∝ weight, capped at its gain (water-filling). */
function contributions(gainers: readonly { gain: number; weight: number }[], owed: number): number[] {
  const c = gainers.map(() => 0);
  let remaining = owed;
  let active = gainers.map((g, i) => i).filter((i) => gainers[i]!.weight > 0);
  while (remaining > 0 && active.length) {
    const w = active.reduce((a, i) => a + gainers[i]!.weight, 0);
    const lambda = remaining / w;
    const capped = active.filter((i) => lambda * gainers[i]!.weight >= gainers[i]!.gain - c[i]!);
    if (!capped.length) {
      for (const i of active) c[i] = c[i]! + lambda * gainers[i]!.weight;
      remaining = 0;
      break;
    }
    for (const i of capped) {
      remaining -= gainers[i]!.gain - c[i]!;
      c[i] = gainers[i]!.gain;
    }
    active = active.filter((i) => !capped.includes(i));
  }
  // Nobody left with a weight: the rest falls on whoever still has gain to spare, in proportion to it.
  if (remaining > 1e-6) {
    const spare = gainers.map((g, i) => g.gain - c[i]!);
    const s = spare.reduce((a, v) => a + v, 0);
    if (s > 0) spare.forEach((v, i) => (c[i] = c[i]! + (remaining * v) / s));
  }
  // Whole pence: round down, then hand out the pennies to the largest remainders with room.
  const whole = c.map((v, i) => Math.min(gainers[i]!.gain, Math.floor(v + 1e-9)));
  let left = owed - whole.reduce((a, v) => a + v, 0);
  const order = c.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (whole[i]! < gainers[i]!.gain) {
      whole[i] = whole[i]! + 1;
      left--;
    }
  }
  // Floating-point dust can leave a penny or two more: whoever has room takes them.
  for (let i = 0; left > 0 && i < whole.length; i++) {
    const room = Math.min(left, gainers[i]!.gain - whole[i]!);
    whole[i] = whole[i]! + room;
    left -= room;
  }
  return whole;
}

/** The transfers a rule proposes; empty when the NPV is negative (no deal can make everyone whole). */
export function proposeTransfers(input: DealInput, rule: DealRule): DealTransfer[] {
  const positions = input.positions;
  const npv = positions.reduce((a, p) => a + p.net, 0);
  if (npv < 0) return [];
  const paying = new Map((input.costs ?? []).map((c) => [c.organisation, Math.max(0, c.pvCosts)]));
  const totalCost = [...paying.values()].reduce((a, v) => a + v, 0);
  if (rule === 'pooled-budget' && totalCost > 0) {
    const targets = shareOut(npv, positions.map((p) => paying.get(p.organisation) ?? 0));
    const delta = positions.map((p, i) => targets[i]! - p.net);
    return splitFlows(
      positions.flatMap((p, i) => (delta[i]! < 0 ? [[p.organisation, -delta[i]!] as [string, number]] : [])),
      positions.flatMap((p, i) => (delta[i]! > 0 ? [[p.organisation, delta[i]!] as [string, number]] : [])),
    );
  }
  const owedTo = positions.filter((p) => p.net < 0).map((p) => [p.organisation, -p.net] as [string, number]);
  const owed = owedTo.reduce((a, [, v]) => a + v, 0);
  if (owed === 0) return [];
  const { payers: rows, beneficiaries: cols, cells } = input.wrongPocket;
  const gaining = positions.filter((p) => p.net > 0);
  // The benefit each gaining organisation receives from the spending of other organisations.
  const weights = gaining.map((g) => {
    const j = cols.indexOf(g.organisation);
    if (j < 0) return 0;
    return rows.reduce((a, payer, i) => (payer !== g.organisation && positions.some((p) => p.organisation === payer) ? a + Math.max(0, cells[i]?.[j] ?? 0) : a), 0);
  });
  const paid = contributions(
    gaining.map((g, i) => ({ gain: g.net, weight: weights[i]! })),
    owed,
  );
  return splitFlows(
    gaining.flatMap((g, i) => (paid[i]! > 0 ? [[g.organisation, paid[i]!] as [string, number]] : [])),
    owedTo,
  );
}

/** Each organisation's position before and after the transfers (organisations only named in a transfer start at £0). */
export function settle(positions: readonly { organisation: string; net: number }[], transfers: readonly DealTransfer[]): DealPosition[] {
  const rows = new Map<string, DealPosition>(positions.map((p) => [p.organisation, { organisation: p.organisation, before: p.net, paid: 0, received: 0, after: p.net }]));
  const row = (o: string) => {
    let r = rows.get(o);
    if (!r) rows.set(o, (r = { organisation: o, before: 0, paid: 0, received: 0, after: 0 }));
    return r;
  };
  for (const t of transfers) {
    const from = row(t.from);
    const to = row(t.to);
    from.paid += t.amount;
    from.after -= t.amount;
    to.received += t.amount;
    to.after += t.amount;
  }
  return [...rows.values()];
}

/** The deal: the rule's proposal, the transfers in force (edited, if any) and everyone's position. */
export function buildDeal(input: DealInput, rule: DealRule, edited: readonly DealTransfer[] | null): Deal {
  const npv = input.positions.reduce((a, p) => a + p.net, 0);
  const proposed = proposeTransfers(input, rule);
  const transfers = edited ? edited.filter((t) => t.amount > 0) : proposed;
  const positions = settle(input.positions, transfers);
  const shortfalls = positions.filter((p) => p.after < 0).map((p) => p.organisation);
  const possible = npv >= 0;
  let message: string;
  if (!possible) {
    message = `The portfolio's net present value is ${formatPounds(npv, { pence: true })}, below zero, so no deal can make every agency whole: between them the organisations lose money, however it is shared.`;
  } else if (shortfalls.length) {
    message = `With these transfers ${shortfalls.join(', ')} ${shortfalls.length === 1 ? 'is' : 'are'} still out of pocket. The proposed transfers leave every organisation at £0 or more.`;
  } else if (!transfers.length) {
    message = 'Every organisation already breaks even or better: no transfers are needed.';
  } else {
    message = 'After these transfers every organisation’s net position is £0 or more.';
  }
  return { rule, ruleText: DEAL_RULE_TEXT[rule], npv, possible, message, transfers, proposed, edited: edited !== null, positions, shortfalls };
}
