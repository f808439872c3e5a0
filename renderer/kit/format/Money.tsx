import { formatMoney, type MoneyScale } from './money';

/**
 * An amount as people read it: whole pounds ("−£12,346"), "£1.2m" when `compact`, or millions
 * to two places in a table whose `scale` is millions ("£0.53m"); the exact
 * figure to the penny is its tooltip (and the drill-down tables of the page that shows it).
 * It never wraps, so a minus sign cannot end up on a line of its own.
 */
export function Money({ pence, compact = false, exact = false, scale = 'pounds', testId }: { pence: number | null | undefined; compact?: boolean; exact?: boolean; /** A table's one unit (scaleFor). */ scale?: MoneyScale; testId?: string }) {
  const full = formatMoney(pence);
  const shown = exact ? full : formatMoney(pence, compact ? { compact: true } : scale === 'millions' ? { millions: true } : { whole: true });
  return (
    <span className="money" title={shown === full ? undefined : `${full} exactly`} data-exact={full} data-testid={testId}>
      {shown}
    </span>
  );
}
