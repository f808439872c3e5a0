import type { SensitiveItem } from '../../../shared/domain/bundles';

export type Decisions = Record<string, { include: boolean; reason: string }>;

const LABEL: Record<string, string> = { team: 'Team only', personal: 'Personal data' };

/**
 * Team-only and personal items stay here unless the user ticks each one and says why; the reason
 * is recorded in the exchange log with the bundle.
 */
export function SensitivityDecisions({ items, decisions, onChange }: { items: SensitiveItem[]; decisions: Decisions; onChange(d: Decisions): void }) {
  if (items.length === 0) return <p>Nothing in this scope is marked team only or personal data.</p>;
  const set = (key: string, patch: Partial<{ include: boolean; reason: string }>) =>
    onChange({ ...decisions, [key]: { include: false, reason: '', ...decisions[key], ...patch } });
  return (
    <fieldset className="field">
      <legend>Sensitive items ({items.length}) — these stay here unless you include them and say why</legend>
      <ul className="plain-list">
        {items.map((w) => {
          const key = `${w.table}:${w.id}`;
          const d = decisions[key] ?? { include: false, reason: '' };
          const short = d.include && d.reason.trim().length < 5;
          return (
            <li key={key} className="sensitive-item">
              <input type="checkbox" id={`inc-${w.id}`} checked={d.include} onChange={(e) => set(key, { include: e.target.checked })} />
              <label htmlFor={`inc-${w.id}`}>
                Include {w.noun.toLowerCase()} “{w.label}” <span className={`badge badge--sensitivity-${w.sensitivity}`}>{LABEL[w.sensitivity] ?? w.sensitivity}</span>
              </label>
              {d.include && (
                <div className={`field${short ? ' field--error' : ''}`}>
                  <label htmlFor={`why-${w.id}`}>Why may “{w.label}” leave?</label>
                  {short && <p className="field__error" id={`why-${w.id}-error`}>Say why, in a few words (it is recorded)</p>}
                  <input id={`why-${w.id}`} type="text" value={d.reason} aria-describedby={short ? `why-${w.id}-error` : undefined} onChange={(e) => set(key, { reason: e.target.value })} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
