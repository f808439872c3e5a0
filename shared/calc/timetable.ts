/** Whole days from `today` to `date` (both ISO YYYY-MM-DD, calendar days, no time zones involved). */
export function daysBetween(today: string, date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** Today's date as ISO text in local time (what a person means by "today"). */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** "in 12 days", "tomorrow", "today", "3 days ago". */
export function describeCountdown(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "Overdue by 7 days", "Overdue by 1 day": a date passed with the work not done. */
export function describeOverdue(daysLate: number): string {
  return `Overdue by ${daysLate} day${daysLate === 1 ? '' : 's'}`;
}

/** How a milestone stands today: done, overdue (and by how much), or due (and when). */
export function milestoneStanding(m: { dueDate: string; done: boolean }, today: string): { overdue: boolean; text: string } {
  if (m.done) return { overdue: false, text: 'Done' };
  const days = daysBetween(today, m.dueDate);
  return days < 0 ? { overdue: true, text: describeOverdue(-days) } : { overdue: false, text: describeCountdown(days) };
}

/** Milestones not done whose date has passed, the longest overdue first. */
export function overdueMilestones<T extends { dueDate: string; done: boolean }>(milestones: T[], today: string): T[] {
  return milestones.filter((m) => !m.done && m.dueDate < today).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** The next milestone not yet done, on or after today (the earliest). */
export function nextMilestone<T extends { dueDate: string; done: boolean }>(milestones: T[], today: string): T | null {
  return milestones.filter((m) => !m.done && m.dueDate >= today).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0] ?? null;
}

/** "31 March 2027" — dates as people in UK public bodies write them. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
