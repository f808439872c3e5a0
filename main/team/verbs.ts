import fs from 'node:fs';
import path from 'node:path';
import type { SyncResult, TeamStatus } from '../../shared/domain/team';
import { AppError } from '../../shared/errors';
import { str, table, unwrap, UsageError, type Verb } from '../cli/io';
import { formatWhen } from './words';

const readCard = (file: string): string => {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('BAD_FILE', `The card "${file}" does not exist or cannot be read.`);
  }
  if (!stat.isFile() || stat.size > 10_000) throw new AppError('BAD_FILE', `"${file}" is not a contact card.`);
  return fs.readFileSync(file, 'utf8');
};

function statusText(s: TeamStatus, hash?: string): string {
  if (!s.team) return 'This pilot is not in a team. Create one with `tpw team create --folder <dir> --name <team>`, or join one with `tpw team join --folder <dir>`.';
  const t = s.team;
  const state = t.status === 'waiting' ? 'waiting to be added by a member' : t.status === 'removed' ? 'removed from the team (no longer receives its changes)' : 'member';
  const lines = [
    `Team:        ${t.name}`,
    `Folder:      ${t.folder}${t.folderAllowed ? '' : '  (not allowed by your IT department’s policy)'}`,
    `This laptop: ${state}; fingerprint ${t.fingerprintGrouped}`,
    `Last sync:   ${s.lastSync ? `${formatWhen(s.lastSync.at)}${s.lastSync.folderAvailable ? '' : ` — ${s.lastSync.message ?? 'folder unavailable'}`}` : 'never'}`,
    ...(hash ? [`Team state:  ${hash.match(/.{4}/g)!.slice(0, 8).join(' ')} — equal on two laptops means they hold the same`] : []),
    `Conflicts:   ${s.openConflicts} open${s.openConflicts ? ' (`tpw team conflicts`)' : ''}`,
    '',
    table(
      ['Member', 'Organisation', 'Status', 'Last synced (their clock)', 'Fingerprint'],
      s.members.map((m) => [`${m.name}${m.me ? ' (you)' : ''}`, m.organisation ?? '', m.status, m.lastSyncAt ? formatWhen(m.lastSyncAt) : 'not yet', m.fingerprintGrouped]),
    ),
  ];
  if (s.requests.length) lines.push('', 'Asking to join (compare the fingerprint with them by phone, then `tpw team add --request <fingerprint> --name <person>`):', ...s.requests.map((r) => `  ${r.fingerprintGrouped}`));
  if (s.notes.length) lines.push('', 'Notes:', ...s.notes.map((n) => `  ${n.file ? `${n.file}: ` : ''}${n.message}`));
  return lines.join('\n');
}

/** A member by name (any case) or fingerprint (or its start, at least 8 digits). */
function findMember(s: TeamStatus, ref: string) {
  const norm = ref.replace(/\s+/g, '').toUpperCase();
  const live = s.members.filter((m) => m.status === 'active');
  const hit = live.find((m) => m.name.toLowerCase() === ref.trim().toLowerCase()) ?? live.find((m) => norm.length >= 8 && m.fingerprint.startsWith(norm));
  if (!hit) throw new AppError('NOT_FOUND', `No current member "${ref}". \`tpw team status\` lists them.`);
  return hit;
}

const teamStatusVerb: Verb = {
  words: ['team', 'status'],
  usage: 'tpw team status [--json]',
  summary: 'The team: folder, members with their fingerprints and last sync, notes about files not applied',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const s = unwrap(await wb!.dispatch('team.status', {}));
    const state = s.team ? unwrap(await wb!.dispatch('team.stateHash', {})) : null;
    return { json: { ...s, state }, text: statusText(s, state?.hash) };
  },
};

const teamCreateVerb: Verb = {
  words: ['team', 'create'],
  usage: 'tpw team create --folder <dir> --name <team>',
  summary: 'Make this pilot a team’s, syncing through a folder everyone can reach (SharePoint/OneDrive, network drive, USB stick)',
  options: { folder: { type: 'string' }, name: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const folder = str(args, 'folder', true)!;
    const s = unwrap(await wb!.dispatch('team.create', { folder: path.resolve(folder), name: str(args, 'name', true)! }));
    return { json: s, text: `Created the team ${s.team!.name} in ${s.team!.folder}.\nAdd members with \`tpw team add --card <their card> --name <person>\` after comparing fingerprints by phone.\n\n${statusText(s)}` };
  },
};

const teamJoinVerb: Verb = {
  words: ['team', 'join'],
  usage: 'tpw team join --folder <dir>',
  summary: 'Join the team whose folder this is; a member then adds you (your fingerprint is shown, and left in the folder as a request)',
  options: { folder: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const s = unwrap(await wb!.dispatch('team.join', { folder: path.resolve(str(args, 'folder', true)!) }));
    const t = s.team!;
    const text =
      t.status === 'member'
        ? `You are a member of ${t.name}; the team's pilot is here.\n\n${statusText(s)}`
        : `Joined the folder of team ${t.name === 'Team' ? '(name shown once you are added)' : t.name}. Ask a member to add you: read them your fingerprint\n  ${t.fingerprintGrouped}\nthey will see your request in the folder. Then run \`tpw sync\`.`;
    return { json: s, text };
  },
};

const teamAddVerb: Verb = {
  words: ['team', 'add'],
  usage: 'tpw team add (--card <file> | --request <fingerprint>) --name <person> [--org <organisation>] [--replaces <member>]',
  summary: 'Add a member from their card (or their join request in the folder); --replaces: it is an existing member’s new laptop',
  options: { card: { type: 'string' }, request: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, replaces: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const card = str(args, 'card');
    const request = str(args, 'request');
    if (Boolean(card) === Boolean(request)) throw new UsageError('Give exactly one of --card or --request');
    const replacesRef = str(args, 'replaces');
    const replaces = replacesRef ? findMember(unwrap(await wb!.dispatch('team.status', {})), replacesRef).fingerprint : undefined;
    const s = unwrap(await wb!.dispatch('team.addMember', { card: card ? readCard(card) : undefined, request, name: str(args, 'name', true)!, organisation: str(args, 'org') ?? null, replaces }));
    return { json: s, text: `Added ${str(args, 'name')}${replaces ? ' (replacing their old laptop)' : ''}. They catch up at their next sync.\n\n${statusText(s)}` };
  },
};

const teamRemoveVerb: Verb = {
  words: ['team', 'remove'],
  usage: 'tpw team remove <name|fingerprint>',
  summary: 'Remove a member: changes made from now on are not encrypted to them (the removal is recorded)',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const ref = args.positionals.join(' ');
    if (!ref) throw new UsageError('Name the member to remove');
    const m = findMember(unwrap(await wb!.dispatch('team.status', {})), ref);
    const s = unwrap(await wb!.dispatch('team.removeMember', { fingerprint: m.fingerprint }));
    return { json: s, text: `Removed ${m.name}. Changes from now on are encrypted only to the remaining members.\n\n${statusText(s)}` };
  },
};

const teamCardVerb: Verb = {
  words: ['team', 'card'],
  usage: 'tpw team card -o <file>',
  summary: 'Write your member card (your name and public keys) for a teammate to add you with',
  options: { o: { type: 'string' }, output: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const out = str(args, 'o') ?? str(args, 'output');
    if (!out) throw new UsageError('-o <file> is required');
    const link = unwrap(await wb!.dispatch('team.card', {}));
    fs.copyFileSync(link.path, path.resolve(out));
    const me = unwrap(await wb!.dispatch('team.status', {}));
    return { json: { file: path.resolve(out), fingerprint: me.team?.fingerprint ?? null }, text: `Wrote your member card to ${path.resolve(out)}` };
  },
};

function syncText(r: SyncResult): string {
  if (!r.folderAvailable) return `Not synced: ${r.message}`;
  const lines = [`Applied ${r.applied} change${r.applied === 1 ? '' : 's'} from ${r.files} file${r.files === 1 ? '' : 's'}; ${r.wrote ? `sent ${r.wrote.changes} (${r.wrote.file})` : 'nothing new to send'}.`];
  if (r.message) lines.push(r.message);
  if (r.conflicts) lines.push(`${r.conflicts} conflict${r.conflicts === 1 ? '' : 's'} between members' versions to resolve: \`tpw team conflicts\` (Team → Conflicts in the app).`);
  for (const s of r.skipped) lines.push(`  ${s.file}: ${s.reason}`);
  return lines.join('\n');
}

const syncVerb: Verb = {
  words: ['sync'],
  usage: 'tpw sync [--json]',
  summary: 'Sync with the team folder: apply teammates’ changes, send ours → {applied, conflicts, skipped:[{file, reason}], members}',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const r = unwrap(await wb!.dispatch('team.sync', {}));
    return { json: r, text: syncText(r) };
  },
};

const meVerb: Verb = {
  words: ['me'],
  usage: 'tpw me [--name <your name>] [--org <home organisation>] [--json]',
  summary: 'Who is making the changes from this installation (recorded with each of them); sets it when given',
  options: { name: { type: 'string' }, org: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const name = str(args, 'name');
    if (!name && str(args, 'org')) throw new UsageError('Give --name with --org');
    const me = name ? unwrap(await wb!.dispatch('me.set', { name, organisation: str(args, 'org') ?? null })) : unwrap(await wb!.dispatch('me.get', {}));
    return { json: me, text: me.name ? `${me.name}${me.organisation ? `, ${me.organisation}` : ''}` : `Not set: changes are recorded as ${me.computerName}. Set it with \`tpw me --name <your name> --org <organisation>\`.` };
  },
};

const assignedVerb: Verb = {
  words: ['assigned'],
  usage: 'tpw assigned [--json]',
  summary: 'Assigned to me: open hypotheses I own, my live actions, evidence I am to collect',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const a = unwrap(await wb!.dispatch('me.assigned', {}));
    if (!a.name) return { json: a, text: 'Say who you are first: `tpw me --name <your name>`.' };
    const part = (title: string, rows: string[]) => `${title} (${rows.length})${rows.length ? `\n${rows.map((r) => `  ${r}`).join('\n')}` : ''}`;
    return {
      json: a,
      text: [
        part('Hypotheses', a.hypotheses.map((h) => `${h.statement} [${h.status}${h.dueDate ? `, due ${h.dueDate}` : ''}]`)),
        part('Actions', a.actions.map((x) => `${x.title} [${x.status}${x.dueDate ? `, due ${x.dueDate}` : ''}]`)),
        part('Evidence to collect', a.evidence.map((e) => e.title)),
      ].join('\n'),
    };
  },
};

/** Conflicts between members: partner-bundle ones are under `tpw conflict list`; both resolve with `tpw conflict resolve`. */
export const teamConflictsVerb: Verb = {
  words: ['team', 'conflicts'],
  usage: 'tpw team conflicts [--json]',
  summary: 'Records two team members changed at the same time, with who made each version; resolve with `tpw conflict resolve <id> --keep mine|theirs`',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const cs = unwrap(await wb!.dispatch('team.conflicts', {}));
    const rows = cs.map((c) => [c.id, `${c.noun}: ${c.label.slice(0, 50)}`, `${c.shownBy} (mine)`, `${c.otherBy} (theirs)`, c.fields.map((f) => f.field).join(', ')]);
    return {
      json: cs,
      text: cs.length
        ? `${table(['Id', 'Record', 'Shown now', 'Other version', 'Fields'], rows)}\nResolve one with \`tpw conflict resolve <id> --keep mine\` (the version shown now) or \`--keep theirs\`.`
        : 'No conflicts between team members to resolve.',
    };
  },
};

export const teamVerbs: Verb[] = [teamCreateVerb, teamJoinVerb, teamAddVerb, teamRemoveVerb, teamStatusVerb, teamCardVerb, syncVerb, meVerb, assignedVerb];
