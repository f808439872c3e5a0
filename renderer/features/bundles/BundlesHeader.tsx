import { NavLink } from 'react-router';
import { useApi } from '../../api/hooks';

/** The bundles area: partners, sending, receiving, conflicts and the exchange log. */
export function BundlesHeader({ title }: { title: string }) {
  const conflicts = useApi('conflict.list', { includeResolved: false });
  const open = conflicts.data?.length ?? 0;
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <nav aria-label="Bundle views" className="tabs">
        <NavLink to="/bundles/send">Send</NavLink>
        <NavLink to="/bundles/receive">Receive</NavLink>
        <NavLink to="/bundles/conflicts">Conflicts{open > 0 ? ` (${open})` : ''}</NavLink>
        <NavLink to="/bundles/partners">Partners</NavLink>
        <NavLink to="/bundles/log">Exchange log</NavLink>
      </nav>
    </div>
  );
}

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} bytes` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`;

export const formatWhen = (iso: string): string => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
