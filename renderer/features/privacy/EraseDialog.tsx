import { useState } from 'react';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { TextArea } from '../../kit/form/fields';

/** The question before an erasure: what goes (named and counted), and why (kept in the erasure log). */
export function EraseDialog({ id, open, onClose, onErased }: { id: string; open: boolean; onClose(): void; onErased(): void }) {
  const erase = useApiMutation('erasure.erase');
  // Not asked again once erasing starts: the record is about to be gone.
  const preview = useApi('erasure.preview', { id }, { enabled: open && erase.isIdle });
  const toasts = useToasts();
  const [reason, setReason] = useState('');
  const p = preview.data;
  return (
    <ConfirmDialog
      open={open}
      title="Erase for good?"
      confirmLabel="Erase for good"
      danger
      onCancel={() => {
        erase.reset();
        onClose();
      }}
      // mutateAsync, not mutate's callbacks: the page this sits on may unmount as the erased record
      // disappears from its refreshed query, and the person must still be told and moved on.
      onConfirm={() =>
        void erase
          .mutateAsync({ id, reason })
          .then((r) => {
            const notes = [
              r.olderSnapshots.length ? `${r.olderSnapshots.length} older snapshot(s) may still hold it (see Data protection → Erasures)` : '',
              r.reportVersions.length ? `report version(s) ${r.reportVersions.join(', ')} show it and are kept as the record of what went out` : '',
            ].filter(Boolean);
            toasts.show(`Erased ${r.log.kind.toLowerCase()}${notes.length ? `; ${notes.join('; ')}` : ''}`);
            onErased();
          })
          .catch(() => undefined)
      }
    >
      {p ? (
        <>
          <p>
            This erases the {p.kind.toLowerCase()} <strong>{p.label}</strong>
            {p.parts.length ? ` with ${p.parts.join(', ')}` : ''}: from every version in its history, the recycle bin, the search and the attachment store. It cannot be undone or restored.
          </p>
          <p>Partners and team members who received it are asked to erase it too. The erasure log keeps what kind of record it was, when, by whom and why — not what it said.</p>
        </>
      ) : (
        <p role="status">Finding what would be erased…</p>
      )}
      <ErrorSummary error={preview.error ?? (erase.error && !erase.error.fields ? erase.error : null)} />
      <TextArea label="Why is it being erased?" hint="For example: the resident asked us to (request SAR-2026-014); kept in the erasure log." value={reason} onChange={setReason} error={fieldError(erase.error, 'reason')} />
    </ConfirmDialog>
  );
}
