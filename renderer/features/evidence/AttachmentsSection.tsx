import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TEXT_STATUS_LABELS, type EvidenceAttachment, type EvidenceDetail, type Sensitivity } from '../../../shared/domain/evidence';
import { SECURITY_MARKINGS, type SecurityMarking } from '../../../shared/domain/marking';
import { SensitivityBadge } from './Badges';
import { riskOf, riskWarning } from '../../../shared/fileRisk';
import { callOrThrow, fileUrl, isDesktop, type CallError } from '../../api/client';
import { ConfirmItem } from '../../kit/feedback/ConfirmDialog';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { countOf, formatBytes } from '../../kit/format/number';
import { Section } from '../../kit/page/Section';
import { FileChooser } from './FileDrop';
import { sendFiles } from './sendFiles';

/** Sends files and attaches them to the item; used by the chooser and by drops on the page. */
export function useAttach(evidenceId: string) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const attach = async (files: File[]) => {
    setError(null);
    setStatus(`Sending ${countOf(files.length, 'file')}…`);
    try {
      const uploadIds = await sendFiles(files);
      setStatus('Storing…');
      const added = await callOrThrow('evidence.attach', { evidenceId, uploadIds });
      await qc.invalidateQueries();
      toasts.show(`Attached ${added.map((a) => a.fileName).join(', ')}`);
    } catch (e) {
      setError(e as CallError);
    } finally {
      setStatus(null);
    }
  };
  return { attach, status, error };
}

export function AttachmentsSection({ attachments, over, attach, sensitivity }: { attachments: EvidenceDetail['attachments']; over: boolean; attach: ReturnType<typeof useAttach>; sensitivity?: Sensitivity }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [error, setError] = useState<CallError | null>(null);
  // A file that can run code: asked about first (to open it on the desktop, or to download it).
  const [risky, setRisky] = useState<{ a: EvidenceAttachment; warning: string; then: 'open' | 'download' } | null>(null);
  const open = async (a: EvidenceAttachment, confirmRisky = false) => {
    try {
      const r = await callOrThrow('evidence.openAttachment', { id: a.id, confirmRisky });
      if (!r.opened && r.warning) setRisky({ a, warning: r.warning, then: 'open' });
    } catch (e) {
      setError(e as CallError);
    }
  };
  const download = (a: EvidenceAttachment) => {
    const link = document.createElement('a');
    link.href = fileUrl(`/files/blob/${a.sha256}?name=${encodeURIComponent(a.fileName)}`);
    link.download = a.fileName;
    link.click();
  };
  const mark = async (a: EvidenceAttachment, marking: SecurityMarking) => {
    try {
      await callOrThrow('evidence.markAttachment', { id: a.id, rev: a.rev, marking });
      await qc.invalidateQueries();
      toasts.show(`"${a.fileName}" is marked ${marking}`);
    } catch (e) {
      setError(e as CallError);
    }
  };
  const detach = async (a: EvidenceAttachment) => {
    try {
      await callOrThrow('evidence.detach', { id: a.id, rev: a.rev });
      await qc.invalidateQueries();
      toasts.show(`Removed "${a.fileName}"`, {
        label: 'Undo',
        run: () => void callOrThrow('recycleBin.restore', { table: 'evidenceAttachments', id: a.id }).then(() => qc.invalidateQueries()),
      });
    } catch (e) {
      setError(e as CallError);
    }
  };
  return (
    <Section id="attachments-heading" title="Attachments">
      <ErrorSummary error={error ?? attach.error} />
      {attachments.length === 0 ? (
        <EmptyState level={3} title="No files attached">
          <p>Attach the source: the report, the spreadsheet, interview notes, photos or recordings.</p>
        </EmptyState>
      ) : (
        <ul className="file-list" aria-label="Attached files">
          {attachments.map((a) => (
            <li key={a.id}>
              <a
                href={fileUrl(`/files/blob/${a.sha256}?name=${encodeURIComponent(a.fileName)}`)}
                download={a.fileName}
                onClick={(e) => {
                  const what = riskOf(a.fileName);
                  if (!what) return;
                  e.preventDefault();
                  setRisky({ a, warning: riskWarning(a.fileName, what), then: 'download' });
                }}
              >
                {a.fileName}
              </a>
              {riskOf(a.fileName) && <span className="badge badge--warn">Can run code</span>}
              {sensitivity && <SensitivityBadge value={sensitivity} marking={a.marking} />}
              <select className="select--small" aria-label={`Security marking of ${a.fileName}`} value={a.marking} onChange={(e) => void mark(a, e.target.value as SecurityMarking)}>
                {SECURITY_MARKINGS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <span className="muted">{formatBytes(a.size)}</span>
              <span className={`text-status text-status--${a.text.status}`} title={a.text.detail ?? undefined}>
                {TEXT_STATUS_LABELS[a.text.status]}
                {a.text.truncated ? ' (the beginning)' : ''}
              </span>
              {isDesktop() && (
                <button type="button" className="button button--small button--secondary" onClick={() => void open(a)}>
                  Open<span className="visually-hidden"> {a.fileName}</span>
                </button>
              )}
              <button type="button" className="button button--small button--secondary" onClick={() => void detach(a)}>
                Remove<span className="visually-hidden"> {a.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmItem
        item={risky}
        title="This file can run code"
        confirmLabel="Open it anyway"
        danger
        onClose={() => setRisky(null)}
        onConfirm={(r) => (r.then === 'open' ? void open(r.a, true) : download(r.a))}
      >
        {(r) => <p>{r.warning}</p>}
      </ConfirmItem>
      <FileChooser label="Attach files" hint="Choose files, or drop them anywhere on this page." over={over} onFiles={(f) => void attach.attach(f)} disabled={attach.status !== null}>
        {attach.status && <p role="status">{attach.status}</p>}
      </FileChooser>
    </Section>
  );
}
