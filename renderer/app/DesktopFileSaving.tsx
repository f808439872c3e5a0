import { useEffect } from 'react';
import { isDesktop } from '../api/client';
import { useToasts } from '../kit/feedback/Toasts';

/**
 * Desktop app: a link to a generated file or an attachment (/files/…) is saved through the shell —
 * the main process shows a save dialog and copies the file — instead of being followed. Browser
 * mode leaves such links to the browser's own downloads. Renders nothing.
 */
export function DesktopFileSaving() {
  const toasts = useToasts();
  useEffect(() => {
    const bridge = window.workbench;
    if (!isDesktop() || !bridge) return;
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      const href = link?.getAttribute('href') ?? '';
      if (!link || !/^\/files\/(download|blob)\//.test(href)) return;
      event.preventDefault();
      void bridge.shell('save-file', href).then(
        (r) => r.message && toasts.show(r.message),
        () => toasts.show('The file could not be saved. Try again.'),
      );
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [toasts]);
  return null;
}
