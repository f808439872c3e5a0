/** "2026-03-05 14:02 UTC": a timestamp for the command line (the app formats its own). */
export const formatWhen = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};
