/**
 * Classification of spend lines to themes by the team's rules. Rules are tried in priority order
 * (1 first; ties by age); the first match wins. Matching ignores case and surrounding spaces.
 */
import type { RuleField, RuleOp } from '../../shared/domain/spend';

export interface RuleLike {
  field: RuleField;
  op: RuleOp;
  pattern: string;
  themeId: string;
  priority: number;
  createdAt: string;
}

export type Classifier = (serviceArea: string | null, expenseType: string | null, supplier: string | null) => string | null;

function matcher(op: RuleOp, pattern: string): (value: string) => boolean {
  const p = pattern.trim().toLowerCase();
  if (op === 'equals') return (v) => v.trim().toLowerCase() === p;
  if (op === 'contains') return (v) => v.toLowerCase().includes(p);
  const re = new RegExp(pattern, 'i');
  return (v) => re.test(v);
}

export function compileRules(rules: RuleLike[]): Classifier {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt));
  const compiled = ordered.map((r) => ({ field: r.field, test: matcher(r.op, r.pattern), themeId: r.themeId }));
  // Ledgers repeat the same few hundred combinations a million times: remember each answer.
  const cache = new Map<string, string | null>();
  return (serviceArea, expenseType, supplier) => {
    if (compiled.length === 0) return null;
    const key = `${serviceArea ?? ''}\u0000${expenseType ?? ''}\u0000${supplier ?? ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const values = { serviceArea, expenseType, supplier };
    let theme: string | null = null;
    for (const r of compiled) {
      const v = values[r.field];
      if (v !== null && r.test(v)) {
        theme = r.themeId;
        break;
      }
    }
    if (cache.size < 200_000) cache.set(key, theme);
    return theme;
  };
}
