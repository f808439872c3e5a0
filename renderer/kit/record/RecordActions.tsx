const COMPACT = 'button button--small button--secondary';

/**
 * Edit and Delete for one record. Compact buttons sit on cards in a list, where their accessible
 * names must say which record they act on.
 */
export function RecordActions({ onEdit, onDelete, compact, editLabel, deleteLabel, deleteText = 'Delete' }: { onEdit?(): void; onDelete(): void; compact?: boolean; editLabel?: string; deleteLabel?: string; deleteText?: string }) {
  return (
    <div className="button-row">
      {onEdit && (
        <button type="button" className={compact ? COMPACT : 'button'} aria-label={editLabel} onClick={onEdit}>
          Edit
        </button>
      )}
      <button type="button" className={compact ? COMPACT : 'button button--danger'} aria-label={deleteLabel} onClick={onDelete}>
        {deleteText}
      </button>
    </div>
  );
}
