import type { ReactNode } from 'react';

/** The badges under a record's title (kind, status, sensitivity…). */
export function StatusLine({ as: Tag = 'div', children }: { as?: 'div' | 'p'; children: ReactNode }) {
  return <Tag className="status-line">{children}</Tag>;
}
