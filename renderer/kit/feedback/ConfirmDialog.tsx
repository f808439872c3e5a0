import { useId, type ReactNode } from 'react';
import { useModal } from './useModal';

/**
 * A modal confirmation on the native <dialog> element: it traps focus, closes on Escape and
 * returns focus to the opener, with no extra library.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useModal(open);
  // Several confirmations can sit on one page (one per section): each needs its own title id.
  const titleId = useId();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog__body">{children}</div>
      <div className="button-row">
        <button type="button" className={danger ? 'button button--danger' : 'button'} onClick={onConfirm} autoFocus>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/** The question before acting on one item of a list: open while `item` is set. */
export function ConfirmItem<T>({
  item,
  onClose,
  onConfirm,
  children,
  ...text
}: {
  item: T | null;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onClose(): void;
  onConfirm(item: T): void;
  children(item: T): ReactNode;
}) {
  return (
    <ConfirmDialog
      open={item !== null}
      {...text}
      onCancel={onClose}
      onConfirm={() => {
        if (item === null) return;
        onClose();
        onConfirm(item);
      }}
    >
      {item !== null && children(item)}
    </ConfirmDialog>
  );
}
