import type { GeneratedFile } from '../../../shared/domain/report';
import { fileUrl, isDesktop } from '../../api/client';
import { useApiMutation } from '../../api/hooks';

/** Browser mode downloads the file; the desktop app opens it in the system viewer (and says where it is). */
export function FileLink({ file, label }: { file: GeneratedFile; label: string }) {
  const open = useApiMutation('report.open');
  if (isDesktop()) {
    return (
      <li>
        <button type="button" className="link-button" onClick={() => open.mutate({ urlPath: file.urlPath })}>{`Open ${label}`}</button>{' '}
        <span className="muted">saved at <code>{file.path}</code></span>
        {open.error && <span className="field__error" role="alert"> {open.error.message}</span>}
      </li>
    );
  }
  return (
    <li>
      <a href={fileUrl(file.urlPath)} download={file.name}>{label}</a> <span className="muted">({file.name})</span>
    </li>
  );
}

export const FORMAT_LABELS = { html: 'Report (HTML)', pdf: 'Report (PDF)', docx: 'Report (Word)', xlsx: 'All tables (XLSX)', zip: 'Download all extracts (ZIP)' } as const;
