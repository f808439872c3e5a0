/**
 * Issue 10, finding 5 must not come back: the fields a bundle's records carry are the bundle
 * format, not whatever columns the local database has today. tests/fixtures/bundles/format-fields.json
 * records, per format version, every field of every table that travels ("name?" when a record may
 * leave it out: nullable or with a default). This fails when a record table's columns change while
 * the format stays the same, and when a change would make an older format's bundles unreadable.
 *
 * When it fails because you added, removed or changed a field:
 *  - if the current FORMAT_VERSION has never been released, update its entry in the file;
 *  - otherwise raise FORMAT_VERSION (and READER_VERSION) in main/bundle/format.ts, say what changed
 *    in its comment and in docs/BUNDLE-FORMAT.md, and add an entry for the new version: an older
 *    reader then sets the new fields aside instead of refusing the record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, READER_VERSION } from '../../main/bundle/format';
import { LOCAL_ONLY_TABLES } from '../../main/bundle/records';
import { APPEND_ONLY_TABLES, RECORD_TABLES } from '../../main/core/recordTables';
import type { TableSpec } from '../../main/db/recordSpec';

type Fields = Record<string, string[]>;
interface FormatFields {
  records: Fields;
  extra: Fields;
}

const FILE = path.resolve(import.meta.dirname, '../fixtures/bundles/format-fields.json');
const recorded = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { versions: Record<string, FormatFields> };

const fieldsOf = (spec: TableSpec) => Object.entries(spec.columns).map(([k, c]) => (c.isNullable || c.hasDefault ? `${k}?` : k)).sort();
const tables = (specs: readonly TableSpec[]): Fields => Object.fromEntries(specs.map((s) => [s.table, fieldsOf(s)] as const).sort(([a], [b]) => a.localeCompare(b)));
const current: FormatFields = {
  records: tables(Object.values(RECORD_TABLES).filter((s) => !LOCAL_ONLY_TABLES.has(s.table))),
  extra: tables(APPEND_ONLY_TABLES),
};

describe('the fields of bundle records belong to the bundle format', () => {
  it(`this code's tables carry exactly the fields recorded for format ${FORMAT_VERSION}`, () => {
    const mine = recorded.versions[String(FORMAT_VERSION)];
    expect(mine, `no entry for format ${FORMAT_VERSION} in ${FILE}`).toBeDefined();
    expect(
      current,
      `The record tables' fields differ from those recorded for bundle format ${FORMAT_VERSION}. Raise FORMAT_VERSION, or update an unreleased format's entry (see this test's comment). Today's fields:\n${JSON.stringify(current)}`,
    ).toEqual(mine);
    expect(READER_VERSION).toBeGreaterThanOrEqual(FORMAT_VERSION);
  });

  it('bundles of every recorded format keep importing: no field removed, none made required that an older record may lack', () => {
    const now = { records: new Map(Object.entries(current.records)), extra: new Map(Object.entries(current.extra)) };
    const problems: string[] = [];
    for (const [version, old] of Object.entries(recorded.versions)) {
      for (const kind of ['records', 'extra'] as const) {
        for (const [table, fields] of Object.entries(old[kind])) {
          const today = now[kind].get(table);
          if (!today) {
            problems.push(`format ${version}: table ${table} no longer exists`);
            continue;
          }
          const names = new Set(fields.map((f) => f.replace(/\?$/, '')));
          for (const f of fields) if (!today.includes(f) && !today.includes(`${f.replace(/\?$/, '')}?`)) problems.push(`format ${version}: ${table}.${f} is no longer a field (or is now required)`);
          for (const f of today) if (!f.endsWith('?') && !names.has(f)) problems.push(`format ${version}: ${table}.${f} is required but its records lack it`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
