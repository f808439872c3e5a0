/**
 * Classification of spend lines to themes by the team's rules. Rules are tried in priority order
 * (1 first; ties by age); the first match wins. Matching ignores case and surrounding spaces.
 * Patterns run on RE2's linear-time engine (re2js): a rule from a partner such as ^(a+)+$ costs
 * time in proportion to the text, never the exponential time JavaScript's own engine can take.
 */
import { RE2JS } from 're2js';
import type { RuleField, RuleOp } from '../../shared/domain/spend';

export interface RuleLike {
  id: string;
  field: RuleField;
  op: RuleOp;
  pattern: string;
  themeId: string;
  priority: number;
  createdAt: string;
  /** The organisation whose lines the rule looks at; null for every organisation's. */
  organisationId: string | null;
}

/** The theme a line gets and the rule that gave it, or null when no rule matches. */
export type Classification = { themeId: string; ruleId: string } | null;

/** Classifies one line from the organisation that published it and the fields rules can look at. */
export type Classifier = (
  organisationId: string,
  serviceArea: string | null,
  expenseType: string | null,
  supplier: string | null,
  orgUnit: string | null,
  description: string | null,
) => Classification;

const never = () => false;

function matcher(op: RuleOp, pattern: string): (value: string) => boolean {
  const p = pattern.trim().toLowerCase();
  if (op === 'equals') return (v) => v.trim().toLowerCase() === p;
  if (op === 'contains') return (v) => v.toLowerCase().includes(p);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch {
    // Rules are checked when saved and when they arrive in a bundle; one stored before that check
    // (a JavaScript-only pattern) matches nothing rather than stopping every import.
    return never;
  }
  return (v) => re.matcher(v).find();
}

const FIELD_INDEX: Record<RuleField, number> = { serviceArea: 0, expenseType: 1, supplier: 2, orgUnit: 3, description: 4 };

/** The classifier's arguments (after the organisation) that some rule looks at: 0 service area, 1 expense type, 2 supplier, 3 organisation unit, 4 description. */
export const fieldsUsedBy = (rules: RuleLike[]): number[] => [0, 1, 2, 3, 4].filter((f) => rules.some((r) => FIELD_INDEX[r.field] === f));

export function compileRules(rules: RuleLike[]): Classifier {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt));
  const compiled = ordered.map((r) => ({ field: FIELD_INDEX[r.field], test: matcher(r.op, r.pattern), answer: { themeId: r.themeId, ruleId: r.id }, organisationId: r.organisationId }));
  // Only the fields some rule looks at go into the cache key: descriptions are nearly unique per
  // line, and would defeat the cache if no rule needed them.
  const used = [0, 1, 2, 3, 4].map((f) => compiled.some((r) => r.field === f));
  const scoped = compiled.some((r) => r.organisationId !== null);
  // Ledgers repeat the same few hundred combinations a million times: remember each answer.
  const cache = new Map<string, Classification>();
  return (organisationId, serviceArea, expenseType, supplier, orgUnit, description) => {
    if (compiled.length === 0) return null;
    const values = [serviceArea, expenseType, supplier, orgUnit, description];
    let key = scoped ? organisationId : '';
    for (let f = 0; f < 5; f++) if (used[f]) key += `\u0000${values[f] ?? ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let answer: Classification = null;
    for (const r of compiled) {
      if (r.organisationId !== null && r.organisationId !== organisationId) continue;
      const v = values[r.field];
      if (v !== null && v !== undefined && r.test(v)) {
        answer = r.answer;
        break;
      }
    }
    if (cache.size < 200_000) cache.set(key, answer);
    return answer;
  };
}
