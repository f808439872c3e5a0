/**
 * Chooses what leaves in a bundle: the records of the chosen scopes (tombstones included, so
 * deletions travel), the records they refer to, their revision history, and their attachments.
 * Sensitivity is enforced here: 'team' and 'personal' records stay in unless the user included
 * each one explicitly with a reason; a record that refers to a withheld record is withheld too
 * (it could not be stored on the other side without it).
 */
import type { AnyDb } from '../db/records';
import { APPEND_ONLY_TABLES, recordTable, RECORD_TABLES } from '../core/recordTables';
import type { BundledRecord, Revision, Scope } from '../bundle/format';
import { isHashColumn, LOCAL_ONLY_TABLES } from '../bundle/records';

// Generic over tables by design (the registry names them at run time).
type Row = Record<string, unknown>;

export interface SensitivityDecision {
  table: string;
  id: string;
  reason: string;
}

export interface WithheldItem {
  table: string;
  noun: string;
  id: string;
  label: string;
  sensitivity: string;
  /** Why it stays: its own sensitivity, or a withheld record it refers to. */
  why: 'sensitivity' | 'refers-to-withheld';
}

export interface IncludedSensitive extends WithheldItem {
  reason: string;
}

export interface Collected {
  records: Map<string, BundledRecord[]>;
  extra: Map<string, Row[]>;
  attachments: Set<string>;
  /** For each attachment hash, the record that carries it ('Attachment "notes.pdf"'), to name it in messages. */
  attachmentLabels: Map<string, string>;
  withheld: WithheldItem[];
  includedSensitive: IncludedSensitive[];
}

const SENSITIVE = new Set(['team', 'personal']);

export async function collect(db: AnyDb, scope: readonly Scope[], decisions: readonly SensitivityDecision[]): Promise<Collected> {
  const decided = new Map(decisions.map((d) => [`${d.table}:${d.id}`, d.reason]));
  const specs = Object.values(RECORD_TABLES).filter((s) => !LOCAL_ONLY_TABLES.has(s.table));
  const rowsByTable = new Map<string, Map<string, Row>>();
  for (const s of specs) {
    const rows = (await db.selectFrom(s.table).selectAll().execute()) as Row[];
    rowsByTable.set(s.table, new Map(rows.map((r) => [r.id as string, r])));
  }

  const chosen = new Map<string, Set<string>>(specs.map((s) => [s.table, new Set<string>()]));
  const withheld = new Map<string, WithheldItem>();
  const includedSensitive: IncludedSensitive[] = [];
  const withhold = (table: string, row: Row, why: WithheldItem['why']) => {
    const s = recordTable(table)!;
    withheld.set(`${table}:${row.id as string}`, { table, noun: s.noun, id: row.id as string, label: s.label(row), sensitivity: String(row.sensitivity ?? ''), why });
  };
  /** May this row leave, as far as its own sensitivity goes? */
  const allowed = (table: string, row: Row): boolean => {
    if (!recordTable(table)?.hasSensitivity || !SENSITIVE.has(String(row.sensitivity))) return true;
    const reason = decided.get(`${table}:${row.id as string}`);
    if (reason === undefined) {
      withhold(table, row, 'sensitivity');
      return false;
    }
    const s = recordTable(table)!;
    includedSensitive.push({ table, noun: s.noun, id: row.id as string, label: s.label(row), sensitivity: String(row.sensitivity), why: 'sensitivity', reason });
    return true;
  };

  // Later tables refer to earlier ones: walk backwards so references pull in what they need.
  for (const s of [...specs].reverse()) {
    const set = chosen.get(s.table)!;
    const rows = rowsByTable.get(s.table)!;
    if (scope.includes(s.scope)) for (const id of rows.keys()) set.add(id);
    for (const id of [...set]) {
      const row = rows.get(id)!;
      if (!allowed(s.table, row)) {
        set.delete(id);
        continue;
      }
      for (const [col, target] of Object.entries(s.refs ?? {})) {
        const ref = row[col];
        if (typeof ref === 'string' && rowsByTable.get(target)?.has(ref)) chosen.get(target)?.add(ref);
      }
    }
  }
  // Then forwards: drop anything whose reference was withheld, in dependency order.
  for (const s of specs) {
    const set = chosen.get(s.table)!;
    for (const id of [...set]) {
      const row = rowsByTable.get(s.table)!.get(id)!;
      const broken = Object.entries(s.refs ?? {}).some(([col, target]) => {
        const ref = row[col];
        return typeof ref === 'string' && rowsByTable.get(target)?.has(ref) && !chosen.get(target)?.has(ref);
      });
      if (broken) {
        set.delete(id);
        withhold(s.table, row, 'refers-to-withheld');
      }
    }
  }

  const records = new Map<string, BundledRecord[]>();
  const attachments = new Set<string>();
  const attachmentLabels = new Map<string, string>();
  for (const s of specs) {
    const ids = chosen.get(s.table)!;
    if (ids.size === 0) continue;
    const history = await historyOf(db, s.table, ids);
    const list: BundledRecord[] = [];
    for (const id of ids) {
      const row = rowsByTable.get(s.table)!.get(id)!;
      const included = SENSITIVE.has(String(row.sensitivity)) && Boolean(s.hasSensitivity);
      list.push({ row, history: redact(history.get(id) ?? [], Boolean(s.hasSensitivity), included) });
      for (const [k, v] of Object.entries(row)) {
        if (isHashColumn(k) && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) {
          attachments.add(v);
          if (!attachmentLabels.has(v)) attachmentLabels.set(v, describe(s.table, row, rowsByTable));
        }
      }
    }
    records.set(s.table, list);
  }

  const extra = new Map<string, Row[]>();
  for (const a of APPEND_ONLY_TABLES) {
    if (!scope.includes(a.scope)) continue;
    const rows = ((await db.selectFrom(a.table).selectAll().execute()) as Row[]).filter((r) =>
      Object.entries(a.refs).every(([col, target]) => typeof r[col] !== 'string' || chosen.get(target)?.has(r[col] as string)),
    );
    if (rows.length) extra.set(a.table, rows);
  }
  return { records, extra, attachments, attachmentLabels, withheld: [...withheld.values()], includedSensitive };
}

/** 'Attachment "notes.pdf" of evidence item "Mrs B's journey"': the record and what it belongs to. */
function describe(table: string, row: Row, rowsByTable: Map<string, Map<string, Row>>): string {
  const s = recordTable(table)!;
  const own = `${s.noun} "${s.label(row)}"`;
  for (const [col, target] of Object.entries(s.refs ?? {})) {
    const parent = typeof row[col] === 'string' ? rowsByTable.get(target)?.get(row[col] as string) : undefined;
    const ps = recordTable(target);
    if (parent && ps) return `${own} of ${ps.noun.toLowerCase()} "${ps.label(parent)}"`;
  }
  return own;
}

async function historyOf(db: AnyDb, table: string, ids: Set<string>): Promise<Map<string, Revision[]>> {
  const rows = (await db
    .selectFrom('recordRevisions')
    .select(['recordId', 'rev', 'parentRev', 'op', 'actor', 'at', 'data'])
    .where('tableName', '=', table)
    .orderBy('rowid' as never)
    .execute()) as { recordId: string; rev: string; parentRev: string | null; op: Revision['op']; actor: string; at: string; data: string }[];
  const out = new Map<string, Revision[]>();
  for (const r of rows) {
    if (!ids.has(r.recordId)) continue;
    let list = out.get(r.recordId);
    if (!list) out.set(r.recordId, (list = []));
    list.push({ rev: r.rev, parentRev: r.parentRev, op: r.op, actor: r.actor, at: r.at, data: JSON.parse(r.data) as Row });
  }
  return out;
}

/**
 * Past versions of a sensitive record may hold what the current one no longer does (a name since
 * removed, a 'personal' version later downgraded). Their revision ids travel — the merge needs
 * the ancestry — but their content stays unless this record was explicitly included.
 */
function redact(history: Revision[], tableHasSensitivity: boolean, explicitlyIncluded: boolean): Revision[] {
  if (!tableHasSensitivity || explicitlyIncluded) return history;
  return history.map((h) => (SENSITIVE.has(String(h.data.sensitivity)) ? { ...h, data: {} } : h));
}
