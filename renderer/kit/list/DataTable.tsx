import type { ReactNode, TableHTMLAttributes } from 'react';

export type Column = string | { label: ReactNode; key?: string; num?: boolean; hidden?: boolean; className?: string };

interface DataTableProps extends TableHTMLAttributes<HTMLTableElement> {
  caption: ReactNode;
  /** Screen readers still hear a hidden caption; sighted users see the section heading instead. */
  hideCaption?: boolean;
  columns: Column[];
  foot?: ReactNode;
  children: ReactNode;
}

/** A data table with a caption and column headers (numbers right-aligned, action columns named for screen readers). */
export function DataTable({ caption, hideCaption, columns, foot, className = 'table', children, ...rest }: DataTableProps) {
  return (
    <table className={className} {...rest}>
      <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const col = typeof c === 'string' ? { label: c } : c;
            return (
              <th key={col.key ?? (typeof col.label === 'string' ? col.label : i)} scope="col" className={col.className ?? (col.num ? 'num' : undefined)}>
                {col.hidden ? <span className="visually-hidden">{col.label}</span> : col.label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
}

/** Columns of figures, right-aligned so the digits line up. */
export const numeric = (...labels: string[]): Column[] => labels.map((label) => ({ label, num: true }));
