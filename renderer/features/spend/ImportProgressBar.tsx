import { useEffect, useState } from 'react';
import type { SpendImportProgress } from '../../../shared/domain/spend';
import { call } from '../../api/client';
import { formatNumber } from '../../kit/format/number';

/** Polls the import's progress and offers Cancel (which rolls everything back). */
export function ImportProgressBar({ importId }: { importId: string }) {
  const [p, setP] = useState<SpendImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const r = await call('spend.importProgress', { importId });
      if (!stop && r.ok) setP(r.value);
      if (!stop) setTimeout(() => void tick(), 250);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [importId]);
  const pct = p && p.totalBytes > 0 ? Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100)) : 0;
  return (
    <div className="spend-progress">
      <label htmlFor={`progress-${importId}`}>Importing: {p?.phase === 'saving' ? 'saving totals' : `${formatNumber(p?.rowsRead ?? 0)} rows read`}</label>
      <progress id={`progress-${importId}`} max={100} value={pct}>
        {pct}%
      </progress>
      <button
        type="button"
        className="button button--secondary"
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          void call('spend.cancelImport', { importId });
        }}
      >
        {cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    </div>
  );
}
