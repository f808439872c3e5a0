import { useId, useState, type DragEvent, type ReactNode } from 'react';

/** Props to spread on any element that should accept dropped files (the whole page, usually). */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    dropProps: {
      onDragOver: (e: DragEvent) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (e.currentTarget === e.target) setOver(false);
      },
      onDrop: (e: DragEvent) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      },
    },
  };
}

/** The labelled file chooser (multiple allowed), shown in a zone that highlights while files are dragged over the page. */
export function FileChooser({ label, hint, over, onFiles, disabled, children }: { label: string; hint: string; over: boolean; onFiles(files: File[]): void; disabled?: boolean; children?: ReactNode }) {
  const id = useId();
  return (
    <div className={`drop-zone${over ? ' drop-zone--active' : ''}`}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>{hint}</p>
        <input
          id={id}
          type="file"
          multiple
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </div>
      {children}
    </div>
  );
}
