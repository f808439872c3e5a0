import type { ReactNode, TableHTMLAttributes } from 'react';
import type { Sorting } from './useSort';

export type Column = string | { label: ReactNode; key?: string; num?: boolean; hidden?: boolean; className?: string; /** The useSort key this column sorts by. */ sort?: string };

interface DataTableProps extends TableHTMLAttributes<HTMLTableElement> {
  caption: ReactNode;
  /** Screen readers still hear a hidden caption; sighted users see the section heading instead. */
  hideCaption?: boolean;
  columns: Column[];
  foot?: ReactNode;
  /** With it, columns that name a sort key get a header button that sorts by them. */
  sorting?: Pick<Sorting, 'key' | 'descending' | 'toggle'>;
  /**
   * For a table with more columns than a 1024 px laptop holds side by side: the name of a labelled,
   * keyboard-focusable region the table scrolls sideways in, so the page itself never does.
   */
  scrollRegion?: string;
  children: ReactNode;
}

/** A column header: a button when the column sorts, with aria-sort saying the current order. */
function HeaderCell({ col, sorting }: { col: Exclude<Column, string>; sorting?: DataTableProps['sorting'] }) {
  const className = col.className ?? (col.num ? 'num' : undefined);
  const label = col.hidden ? <span className="visually-hidden">{col.label}</span> : col.label;
  if (!sorting || !col.sort) return <th scope="col" className={className}>{label}</th>;
  const on = sorting.key === col.sort;
  return (
    <th scope="col" className={className} aria-sort={on ? (sorting.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => sorting.toggle(col.sort!)}>
        {label}
        <span aria-hidden="true" className="sort-button__arrow">{on ? (sorting.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** A data table with a caption and column headers (numbers right-aligned, action columns named for screen readers). */
export function DataTable({ caption, hideCaption, columns, foot, sorting, scrollRegion, className = 'table', children, ...rest }: DataTableProps) {
  const table = (
    <table className={className} {...rest}>
      <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const col = typeof c === 'string' ? { label: c } : c;
            return <HeaderCell key={col.key ?? (typeof col.label === 'string' ? col.label : i)} col={col} sorting={sorting} />;
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
  if (!scrollRegion) return table;
  return (
    <div className="table-scroll" role="region" aria-label={scrollRegion} tabIndex={0}>
      {table}
    </div>
  );
}

/** Columns of figures, right-aligned so the digits line up. */
export const numeric = (...labels: string[]): Column[] => labels.map((label) => ({ label, num: true }));

/** Columns that sort, each with its useSort key: sortable(['Due', 'due'], ['What', 'title'], ['Amount', 'amount', 'num']). */
export const sortable = (...cols: [label: string, key: string, num?: 'num'][]): Column[] => cols.map(([label, sort, num]) => (num ? { label, sort, num: true } : { label, sort }));
