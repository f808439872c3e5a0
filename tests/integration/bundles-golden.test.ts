/**
 * Bundles made by older versions keep importing: the golden bundles in tests/fixtures/bundles/golden
 * were made by format 1 (before issue 10) and format 2, and are never regenerated.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { keysFingerprint } from '../../main/bundle/cards';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { listContacts } from '../../main/exchange/contacts';
import { importBundle } from '../../main/exchange/service';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

const GOLDEN = path.join(import.meta.dirname, '../fixtures/bundles/golden');
const bundle = path.join(GOLDEN, 'golden-v1.age');
const identityText = fs.readFileSync(path.join(GOLDEN, 'recipient.agekey'), 'utf8');
const expected = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'expected.json'), 'utf8')) as { bundleId: string; records: number; attachments: number };
const senderCard = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'sender-card-v1.json'), 'utf8')) as { name: string; ageRecipient: string; minisignPublicKey: string; fingerprint: string };

const open: TestWorkbench[] = [];
afterEach(async () => {
  for (const wb of open.splice(0)) await wb.cleanup();
});

const count = (wb: TestWorkbench, table: string) => (wb.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the golden bundle of format 2', () => {
  const v2 = path.join(GOLDEN, 'golden-v2.age');
  const passphrase = fs.readFileSync(path.join(GOLDEN, 'golden-v2.passphrase'), 'utf8').trim();
  const expectedV2 = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'expected-v2.json'), 'utf8')) as { bundleId: string; records: number; attachments: number };

  it('imports into today\'s workbench with nothing set aside: every table that travels, history and attachment, and only once', async () => {
    const wb = tempWorkbench();
    open.push(wb);
    const r = await importBundle(wb.ctx, { file: v2, passphrase, acceptUnknownSender: true, dryRun: false });
    expect(r).toMatchObject({ bundleId: expectedV2.bundleId, records: expectedV2.records, attachments: expectedV2.attachments, conflicts: 0, alreadyImported: false, dryRun: false });
    expect(r.added + r.unchanged).toBe(expectedV2.records);
    expect(r.setAside).toEqual([]);
    for (const table of ['organisations', 'themes', 'milestones', 'hypotheses', 'evidence_items', 'evidence_attachments', 'evidence_links', 'evidence_quotes', 'spend_rules', 'unit_costs', 'interventions', 'estimate_lines', 'barriers', 'learning_entries', 'actions', 'status_changes']) {
      expect(count(wb, table), table).toBeGreaterThan(0);
    }
    const [quote] = await wb.call('quote.list', {});
    expect(quote).toMatchObject({ text: 'Nobody told the next person what the last one said', speaker: 'Mrs B' });
    const [item] = (await wb.call('evidence.list', {})).items;
    const detail = await wb.call('evidence.get', { id: item!.id });
    const blob = path.join(wb.ctx.paths.attachmentsDir, detail.attachments[0]!.sha256.slice(0, 2), detail.attachments[0]!.sha256);
    expect(fs.readFileSync(blob, 'utf8')).toContain('seven assessments');
    expect((await importBundle(wb.ctx, { file: v2, passphrase, acceptUnknownSender: true, dryRun: false })).alreadyImported).toBe(true);
  });
});

describe('the golden bundle of format 1', () => {
  it('imports into today\'s workbench: every record, history and attachment, and only once', async () => {
    const wb = tempWorkbench();
    open.push(wb);
    const r = await importBundle(wb.ctx, { file: bundle, identityText, acceptUnknownSender: true, dryRun: false });
    expect(r).toMatchObject({ bundleId: expected.bundleId, records: expected.records, attachments: expected.attachments, conflicts: 0, alreadyImported: false, dryRun: false });
    expect(r.sender).toMatchObject({ name: 'Avonford Total Place team', status: 'unknown' });
    expect(r.added + r.unchanged).toBe(expected.records);
    expect(r.setAside).toEqual([]);

    const statements = (await wb.call('hypothesis.list', {})).map((h) => h.statement).sort();
    expect(statements).toEqual(['=HYPERLINK("http://x") formula-looking statement, kept as text', 'A single falls response team would cut emergency admissions of over-65s']);
    expect(count(wb, 'spend_rules')).toBe(2);
    expect(count(wb, 'estimate_lines')).toBe(2);
    expect(count(wb, 'status_changes')).toBe(3);
    const [item] = (await wb.call('evidence.list', {})).items;
    const detail = await wb.call('evidence.get', { id: item!.id });
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['journey notes.txt']);
    const blob = path.join(wb.ctx.paths.attachmentsDir, detail.attachments[0]!.sha256.slice(0, 2), detail.attachments[0]!.sha256);
    expect(fs.readFileSync(blob, 'utf8')).toContain('Mrs B: ambulance');
    const h = (await wb.call('hypothesis.list', {})).find((x) => x.statement.startsWith('A single'))!;
    expect((await wb.call('record.history', { table: 'hypotheses', id: h.id })).length).toBeGreaterThanOrEqual(2);

    const again = await importBundle(wb.ctx, { file: bundle, identityText, acceptUnknownSender: true, dryRun: false });
    expect(again.alreadyImported).toBe(true);
  });

  it('a partner added before format 2 is migrated: new fingerprint over both keys, unverified with a reason, and still recognised', async () => {
    // A database at schema 6 (before issue 10) holding the sender as a verified partner.
    const dir = tempDir();
    const dbPath = path.join(dir, 'old.db');
    const sqlite = new BetterSqlite3(dbPath);
    migrate(sqlite, MIGRATIONS.slice(0, 6), { snapshotsDir: path.join(dir, 'snapshots') });
    sqlite
      .prepare("INSERT INTO contacts (id, name, kind, age_recipient, minisign_public_key, fingerprint, verified_at, added_at) VALUES (?, 'Avonford', 'app', ?, ?, ?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')")
      .run('01a21700-0000-7000-8000-0000000000aa', senderCard.ageRecipient, senderCard.minisignPublicKey, senderCard.fingerprint);
    sqlite.close();

    const wb = openWorkbench(dbPath, 'cli');
    open.push({ ...wb, dir, dbPath, call: async () => undefined as never, cleanup: async () => { await wb.close(); fs.rmSync(dir, { recursive: true, force: true }); } });
    const [c] = await listContacts(wb.ctx);
    expect(c!.fingerprint).toBe(keysFingerprint(senderCard.ageRecipient, senderCard.minisignPublicKey));
    expect(c!.fingerprint).not.toBe(senderCard.fingerprint);
    expect(c!.verifiedAt).toBeNull();
    expect(c!.unverifiedReason).toMatch(/covers both of their keys.*Compare the new fingerprint/);

    // Their format-1 bundle is still theirs: a known (not yet re-verified) partner, no acceptance needed.
    const r = await importBundle(wb.ctx, { file: bundle, identityText, acceptUnknownSender: false, dryRun: false });
    expect(r.sender).toMatchObject({ status: 'known', contactName: 'Avonford' });
    expect(r.added).toBeGreaterThan(0);
  });
});
