import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_SCOPES, unverifiedRecipientWarning, type BundleScope, type ImportResult } from '../../shared/domain/bundles';
import { AppError } from '../../shared/errors';
import { exportBundle, importBundle, verifyDetached } from './service';
import { listConflicts } from './conflicts';
import { findContact, listContacts, setContactVerified, showIdentity, writeCard } from './contacts';
import { list, oneLine, readPassphraseFile, str, table, unwrap, UsageError, type Verb } from '../cli/io';
import { parseRedact } from './dsaVerbs';

const readText = (file: string, what: string, max = 1 << 20): string => {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('BAD_FILE', `The ${what} "${file}" does not exist or cannot be read.`);
  }
  if (!stat.isFile() || stat.size > max) throw new AppError('BAD_FILE', `"${file}" is not a ${what}.`);
  return fs.readFileSync(file, 'utf8');
};

/** A passphrase file holds the passphrase on its first line (a trailing newline is not part of it). */
const passphraseFrom = (file: string | undefined): string | undefined => (file === undefined ? undefined : readPassphraseFile(file, 1));

export const idShowVerb: Verb = {
  words: ['id', 'show'],
  usage: 'tpw id show [--json]',
  summary: "This installation's identity (created on first use): fingerprint, age recipient, minisign key",
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const id = await showIdentity(wb!.ctx);
    return {
      json: { fingerprint: id.fingerprint, ageRecipient: id.ageRecipient, minisignPublicKey: id.minisignPublicKey, name: id.name, protected: id.protected },
      text: `${id.name}\nFingerprint:        ${id.fingerprintGrouped}\nage recipient:      ${id.ageRecipient}\nminisign public key: ${id.minisignPublicKey}`,
    };
  },
};

export const contactAddVerb: Verb = {
  words: ['contact', 'add'],
  usage: 'tpw contact add --name <org> (--card <file> | --age-recipient <age1…>) [--verified] [--replace]',
  summary: 'Add a partner from their contact card, or a bare age recipient (a partner without the app)',
  options: { name: { type: 'string' }, card: { type: 'string' }, 'age-recipient': { type: 'string' }, verified: { type: 'boolean' }, replace: { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const card = str(args, 'card');
    const recipient = str(args, 'age-recipient');
    if (Boolean(card) === Boolean(recipient)) throw new UsageError('Give exactly one of --card or --age-recipient');
    // --replace: the partner's keys changed (they said so): take the new card; they must be verified again.
    const r = await wb!.dispatch('contact.add', { name: str(args, 'name'), card: card ? readText(card, 'contact card', 10_000) : undefined, ageRecipient: recipient, replace: args.values.replace === true });
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.fields);
    let c = r.value;
    if (args.values.verified === true) c = await setContactVerified(wb!.ctx, { id: c.id, verified: true });
    return { json: c, text: `Added ${c.name}\nFingerprint: ${c.fingerprintGrouped}\nCompare it with them by phone before trusting bundles from them.` };
  },
};

export const contactListVerb: Verb = {
  words: ['contact', 'list'],
  usage: 'tpw contact list [--json]',
  summary: 'The partner directory',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const cs = await listContacts(wb!.ctx);
    return {
      json: cs,
      text: cs.length
        ? [
            table(['Name', 'Kind', 'Verified', 'Fingerprint'], cs.map((c) => [c.name, c.kind, c.verifiedAt ? 'yes' : c.unverifiedReason ? 'NO: verify again' : 'no', c.fingerprintGrouped])),
            ...cs.filter((c) => c.unverifiedReason).map((c) => `\nVerify ${oneLine(c.name)} again: ${oneLine(c.unverifiedReason!)}`),
          ].join('\n')
        : 'No partners yet. Add one with `tpw contact add`.',
    };
  },
};

export const contactVerifyVerb: Verb = {
  words: ['contact', 'verify'],
  usage: 'tpw contact verify <name|fingerprint>',
  summary: 'Mark a partner verified (after comparing fingerprints by phone)',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const ref = args.positionals[0];
    if (!ref) throw new UsageError('Name the partner');
    const c = await setContactVerified(wb!.ctx, { id: (await findContact(wb!.ctx, ref)).id, verified: true });
    return { json: c, text: `${c.name} is marked verified.` };
  },
};

export const contactExportVerb: Verb = {
  words: ['contact', 'export'],
  usage: 'tpw contact export -o <card-file>',
  summary: 'Write our public contact card, for partners to add us',
  options: { o: { type: 'string' }, output: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const out = str(args, 'o') ?? str(args, 'output');
    if (!out) throw new UsageError('-o <card-file> is required');
    const card = await writeCard(wb!.ctx, path.resolve(out));
    return { json: { ...card, file: path.resolve(out) }, text: `Wrote our contact card to ${path.resolve(out)}\nFingerprint: ${card.fingerprint.replace(/(.{4})(?=.)/g, '$1 ')}` };
  },
};

function parseScope(values: string[]): BundleScope[] {
  const all = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (all.length === 0) return [...BUNDLE_SCOPES];
  for (const s of all) if (!(BUNDLE_SCOPES as readonly string[]).includes(s)) throw new UsageError(`Unknown scope "${s}" (use ${BUNDLE_SCOPES.join(', ')})`);
  return [...new Set(all)] as BundleScope[];
}

export const bundleExportVerb: Verb = {
  words: ['bundle', 'export'],
  usage: `tpw bundle export -o <file> (--to <contact>… | --passphrase-file <f>) [--scope ${BUNDLE_SCOPES.join(',')}] [--include <table>:<id>=<reason>…] [--redact <name>…] --json`,
  summary: 'Write a signed, encrypted evidence bundle (and <file>.minisig) for partners',
  options: { o: { type: 'string' }, output: { type: 'string' }, to: { type: 'string', multiple: true }, 'passphrase-file': { type: 'string' }, scope: { type: 'string', multiple: true }, include: { type: 'string', multiple: true }, redact: { type: 'string', multiple: true } },
  needsDb: true,
  async run(args, wb) {
    const out = str(args, 'o') ?? str(args, 'output');
    if (!out) throw new UsageError('-o <file> is required');
    const to = list(args, 'to');
    const passFile = str(args, 'passphrase-file');
    if (to.length === 0 && !passFile) throw new UsageError('Give --to <contact> (one or more) or --passphrase-file <f>');
    if (to.length > 0 && passFile) throw new UsageError('Use --to or --passphrase-file, not both');
    const include = list(args, 'include').map((spec) => {
      const m = /^([A-Za-z]+):([0-9a-f-]{36})=(.+)$/s.exec(spec);
      if (!m) throw new UsageError(`--include takes <table>:<id>=<reason>, not "${spec}"`);
      return { table: m[1]!, id: m[2]!, reason: m[3]!.trim() };
    });
    for (const d of include) if (d.reason.length < 5) throw new UsageError('Each --include needs a reason of at least a few words');
    const recipients = [];
    for (const ref of to) recipients.push(await findContact(wb!.ctx, ref));
    const ids = recipients.map((c) => c.id);
    const warnings = recipients.map(unverifiedRecipientWarning).filter((w): w is string => w !== null);
    const passphrase = passphraseFrom(passFile);
    if (passphrase !== undefined && passphrase.length < 10) throw new AppError('INVALID_INPUT', 'Use a passphrase of at least 10 characters.');
    // A passphrase bundle always gets age's full scrypt work factor: no setting lowers it here.
    const redact = parseRedact(list(args, 'redact'));
    const r = await exportBundle(wb!.ctx, { file: out, scope: parseScope(list(args, 'scope')), include, to: ids, passphrase, redact });
    const redacted = r.redactions.map((x) => `${x.label} ×${x.count}`).join(', ');
    return {
      json: { bundleId: r.bundleId, records: r.records, attachments: r.attachments, bytes: r.bytes, withheld: r.withheld, file: r.file.path, signature: r.signature.path, warnings, marking: r.marking, redactions: r.redactions },
      warnings,
      text: `Wrote ${r.file.path} (${r.records} records, ${r.attachments} attachments, ${r.bytes} bytes), marked ${r.marking}\nSignature: ${r.signature.path}${r.withheld ? `\n${r.withheld} sensitive item(s) withheld.` : ''}${redacted ? `\nRedacted: ${redacted}.` : ''}`,
    };
  },
};

const importOptions = { identity: { type: 'string' }, 'passphrase-file': { type: 'string' }, signature: { type: 'string' } } as const;

function describe(r: ImportResult, verb: 'inspect' | 'import'): string {
  const status = { verified: 'verified partner', known: 'known partner (not yet verified)', changed: 'known partner WHOSE KEYS HAVE CHANGED (verify them again)', unknown: 'UNKNOWN sender' }[r.sender.status];
  const who = `${oneLine(r.sender.contactName ?? r.sender.name)} — ${status}\nFingerprint: ${r.sender.fingerprintGrouped}`;
  if (r.alreadyImported) return `Bundle ${r.bundleId} from ${who}\nAlready imported; nothing changed.`;
  const counts = `${r.added} to add, ${r.updated} to update, ${r.conflicts} conflicts, ${r.unchanged} unchanged`;
  const lines = r.items.filter((i) => i.action !== 'unchanged').slice(0, 50).map((i) => `  ${i.action.padEnd(8)} ${i.noun}: ${oneLine(i.label).slice(0, 70)}`);
  return `Bundle ${r.bundleId} from ${who}\nCreated ${r.createdAt}; ${r.records} records, ${r.attachments} attachments\n${verb === 'import' && !r.dryRun ? counts.replace(/to add/, 'added').replace(/to update/, 'updated') : counts}${lines.length ? `\n${lines.join('\n')}` : ''}`;
}

async function runImport(args: Parameters<Verb['run']>[0], wb: Parameters<Verb['run']>[1], mode: 'inspect' | 'import') {
  const file = args.positionals[0];
  if (!file) throw new UsageError('Name the bundle file');
  const idFile = str(args, 'identity');
  const passFile = str(args, 'passphrase-file');
  if (idFile && passFile) throw new UsageError('Use --identity or --passphrase-file, not both');
  const r = await importBundle(wb!.ctx, {
    file: path.resolve(file),
    signatureFile: str(args, 'signature') ? path.resolve(str(args, 'signature')!) : undefined,
    identityText: idFile ? readText(idFile, 'identity file', 64 * 1024) : undefined,
    passphrase: passphraseFrom(passFile),
    acceptUnknownSender: args.values['accept-unknown-sender'] === true,
    dryRun: args.values['dry-run'] === true,
    inspectOnly: mode === 'inspect',
  });
  const json = { bundleId: r.bundleId, added: r.added, updated: r.updated, conflicts: r.conflicts, unchanged: r.unchanged, sender: r.sender, createdAt: r.createdAt, scope: r.scope, records: r.records, attachments: r.attachments, alreadyImported: r.alreadyImported, dryRun: r.dryRun, items: r.items };
  return { json, text: describe(r, mode) };
}

export const bundleInspectVerb: Verb = {
  words: ['bundle', 'inspect'],
  usage: 'tpw bundle inspect <file> [--identity <age-identity-file>] [--passphrase-file <f>] [--signature <file.minisig>] [--accept-unknown-sender] --json',
  summary: 'Verify a bundle and show who sent it and what importing it would change (changes nothing); an unknown sender is refused as by import',
  options: { ...importOptions, 'accept-unknown-sender': { type: 'boolean' } },
  needsDb: true,
  run: (args, wb) => runImport(args, wb, 'inspect'),
};

export const bundleImportVerb: Verb = {
  words: ['bundle', 'import'],
  usage: 'tpw bundle import <file> [--dry-run] [--identity <f>] [--passphrase-file <f>] [--signature <file.minisig>] [--accept-unknown-sender] --json',
  summary: 'Verify and merge a bundle: new records added, newer edits applied, concurrent edits kept as conflicts',
  options: { ...importOptions, 'dry-run': { type: 'boolean' }, 'accept-unknown-sender': { type: 'boolean' } },
  needsDb: true,
  run: (args, wb) => runImport(args, wb, 'import'),
};

export const bundleVerifyVerb: Verb = {
  words: ['bundle', 'verify'],
  usage: 'tpw bundle verify <file> [--signature <file.minisig>] [-P <minisign public key>] --json',
  summary: "Check a bundle's signature without opening it (against a partner in the directory, or a given key)",
  options: { signature: { type: 'string' }, P: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('Name the bundle file');
    const sig = str(args, 'signature') ? path.resolve(str(args, 'signature')!) : `${path.resolve(file)}.minisig`;
    const r = await verifyDetached(wb!.ctx, path.resolve(file), sig, str(args, 'P'));
    return { json: r, text: `Signature verified: signed by ${r.signer} (key id ${r.keyId}).\nTrusted comment: ${r.trustedComment}` };
  },
};

export const conflictListVerb: Verb = {
  words: ['conflict', 'list'],
  usage: 'tpw conflict list [--all] [--json]',
  summary: 'Conflicts from partners’ bundles waiting to be resolved (between team members: `tpw team conflicts`)',
  options: { all: { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const cs = await listConflicts(wb!.ctx, { includeResolved: args.values.all === true, source: 'partners' });
    // Conflicts between teammates are listed by `tpw team conflicts`; say so when there are any.
    const team = (await listConflicts(wb!.ctx, { includeResolved: false, source: 'team' })).length;
    const elsewhere = team ? `\n${team} conflict${team === 1 ? '' : 's'} between team members' versions: \`tpw team conflicts\` lists ${team === 1 ? 'it' : 'them'}.` : '';
    return {
      json: cs,
      text: `${cs.length ? table(['Id', 'Record', 'From', 'Fields'], cs.map((c) => [c.id, `${c.noun}: ${c.label.slice(0, 50)}`, c.sender, c.fields.map((f) => f.field).join(', ')])) : 'No conflicts from partners’ bundles to resolve.'}${elsewhere}`,
    };
  },
};

export const conflictResolveVerb: Verb = {
  words: ['conflict', 'resolve'],
  usage: 'tpw conflict resolve <id> (--keep mine|theirs)',
  summary: 'Resolve a conflict (from a partner’s bundle or between team members) by keeping our version or taking theirs',
  options: { keep: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const id = args.positionals[0];
    const keep = str(args, 'keep');
    if (!id || (keep !== 'mine' && keep !== 'theirs')) throw new UsageError('Give the conflict id and --keep mine or --keep theirs');
    const r = unwrap(await wb!.dispatch('conflict.resolve', { id, choice: keep }));
    return { json: r, text: `Resolved: kept ${keep === 'mine' ? 'our' : 'their'} version of ${r.noun.toLowerCase()} "${r.label}".` };
  },
};

export const bundlesVerbs: Verb[] = [
  idShowVerb,
  contactAddVerb,
  contactListVerb,
  contactVerifyVerb,
  contactExportVerb,
  bundleExportVerb,
  bundleInspectVerb,
  bundleImportVerb,
  bundleVerifyVerb,
  conflictListVerb,
  conflictResolveVerb,
];
