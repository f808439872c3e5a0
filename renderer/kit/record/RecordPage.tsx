import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { MethodName } from '../../../shared/contract';
import { ConfirmDialog } from '../feedback/ConfirmDialog';
import { Section } from '../page/Section';
import { DetailList, type DetailItem } from './DetailList';
import { HistoryList } from './HistoryList';
import { RecordActions } from './RecordActions';
import { useRecordDeletion } from './useRecordDeletion';
import { StaleEditNotice } from './StaleEditNotice';
import { useRecordUpdate, type PatchOf, type RecordFormProps, type UpdateMethod } from './useRecordUpdate';

interface RecordPageProps<U extends UpdateMethod> {
  record: { id: string; rev: string };
  /** The page's h1, and how the undo toast names the record. */
  title: string;
  /** The list it belongs to: the breadcrumb, and where the page goes once the record is deleted. */
  home: { to: string; label: string };
  /** Its table: what the recycle bin restores it from, and whose history is shown. */
  table: string;
  methods: { update: U; delete: Extract<MethodName, `${string}.delete`> };
  /** The toast once an edit is saved. */
  saved?: string;
  confirm: { title: string; confirmLabel: string; body: ReactNode };
  /** Under the title: a status line, or a note such as "Overdue". */
  status?: ReactNode;
  /** The fields, read-only, with Edit and Delete. Without them the record is edited in place. */
  details?: { id: string; heading: string; items: DetailItem[] };
  /**
   * The record's edit form, given what saving needs and, after a stale save was reloaded with
   * "keep my text", what the person had typed, to lay over the reloaded record's values.
   */
  editor(form: RecordFormProps<U>, kept: Partial<PatchOf<U>> | null): ReactNode;
  /** Sections about the record, between its details and its change history. */
  children?: ReactNode;
  /** For the page element, e.g. to accept dropped files. */
  pageProps?: HTMLAttributes<HTMLDivElement>;
}

/** One record's page: where it sits, what it is, its fields (view or edit), delete with undo, its history. */
export function RecordPage<U extends UpdateMethod>({ record, title, home, table, methods, saved, confirm, status, details, editor, children, pageProps }: RecordPageProps<U>) {
  const [editing, setEditing] = useState(false);
  const update = useRecordUpdate(methods.update, record, saved);
  const deletion = useRecordDeletion({ method: methods.delete, table, record, label: title, after: home.to, confirm });
  // Records edited in place have no details to go back to, so their form has no Cancel.
  const form = update.formProps(details ? () => setEditing(false) : undefined);
  const deleteError = deletion.error && (
    <p className="field__error" role="alert">
      {deletion.error}
    </p>
  );
  return (
    <div className="page" {...pageProps}>
      <p className="breadcrumb">
        <Link to={home.to}>{home.label}</Link>
      </p>
      <h1>{title}</h1>
      {status}
      <StaleEditNotice stale={update.stale} kept={update.kept !== null} onKeep={update.keepMine} onDiscard={update.discardMine} />
      {!details ? (
        <>
          {editor(form, update.kept)}
          <RecordActions onDelete={deletion.request} />
          {deleteError}
        </>
      ) : editing ? (
        editor(form, update.kept)
      ) : (
        <Section id={details.id} title={details.heading}>
          <DetailList items={details.items} />
          <RecordActions onEdit={() => setEditing(true)} onDelete={deletion.request} />
          {deleteError}
        </Section>
      )}
      {children}
      <HistoryList table={table} id={record.id} />
      {deletion.dialog && <ConfirmDialog {...deletion.dialog} />}
    </div>
  );
}
