import { Fragment, type ReactNode } from 'react';

export interface DetailItem {
  label: string;
  /** Blank (null or undefined) shows as "—". */
  value: ReactNode;
  /** Long free text: keeps its line breaks. */
  prose?: boolean;
}

/** A record's fields as a description list: label, then value. */
export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <dl className="details">
      {items.map((d) => (
        <Fragment key={d.label}>
          <dt>{d.label}</dt>
          <dd className={d.prose ? 'prose' : undefined}>{d.value ?? '—'}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
