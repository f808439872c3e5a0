import { useEffect, useState } from 'react';
import { call } from '../api/client';

interface Activity {
  label: string;
  since: string;
  waiting: number;
}

/** How often the window asks what the workbench is busy with, and how long a write runs before it is mentioned. */
const POLL_MS = 1500;
const MENTION_AFTER_MS = 1000;

/**
 * "Busy — importing a spend file": a long write (an import holds the database for seconds) is
 * named while it runs, so a change made meanwhile, which waits its turn, is not a mystery. Pages
 * keep working: reads do not wait for it.
 */
export function BusyNotice() {
  const [activity, setActivity] = useState<Activity | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const r = await call('system.activity', {});
      if (stop) return;
      setActivity(r.ok ? r.value : null);
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);
  const shown = activity && Date.now() - new Date(activity.since).getTime() >= MENTION_AFTER_MS ? activity : null;
  return (
    <div role="status" aria-live="polite">
      {shown && (
        <p className="busy-notice">
          Busy: {shown.label.toLowerCase()} (since {new Date(shown.since).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}). Everything can still be read; changes made meanwhile are saved
          when it finishes{shown.waiting > 0 ? ` (${shown.waiting} waiting)` : ''}.
        </p>
      )}
    </div>
  );
}
