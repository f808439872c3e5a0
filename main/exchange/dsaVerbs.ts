/** `tpw partner dsa set|show`: the data-sharing agreement on a partner record; and `--redact` parsing. */
import { DSA_PERMIT_LABELS, DsaInput, RedactTerms } from '../../shared/domain/sharing';
import { AppError } from '../../shared/errors';
import type { Contact } from '../../shared/domain/bundles';
import { list, oneLine, str, UsageError, type Verb } from '../cli/io';
import { setAgreement } from './agreements';
import { findContact } from './contacts';

/** The names given with --redact (repeatable), checked as the app checks them. */
export function parseRedact(terms: string[]): string[] {
  const r = RedactTerms.safeParse(terms);
  if (!r.success) throw new AppError('INVALID_INPUT', r.error.issues[0]!.message);
  return r.data;
}

function describe(c: Contact): string {
  if (!c.dsa) return `${c.name} has no data-sharing agreement recorded: personal data and OFFICIAL-SENSITIVE material cannot be sent to them.`;
  const d = c.dsa;
  const state = c.dsaStatus === 'expired' ? `EXPIRED on ${d.expiresOn}: not current, so nothing that needs it can be sent` : `current until ${d.expiresOn}`;
  return [
    `${c.name}: data-sharing agreement ${d.reference} (${state})`,
    `Parties:       ${oneLine(d.parties)}`,
    `Purpose:       ${oneLine(d.purpose)}`,
    `Lawful basis:  ${oneLine(d.lawfulBasis)}`,
    `Permits:       ${d.permits.length ? d.permits.map((p) => DSA_PERMIT_LABELS[p]).join(', ') : 'nothing that needs an agreement'}`,
    `DPIA:          ${d.dpiaReference ?? 'none recorded'}`,
  ].join('\n');
}

/** Permits are given comma-separated or repeated: --permits personal,OFFICIAL-SENSITIVE. */
const permitsOf = (values: string[]) => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

export const partnerDsaSetVerb: Verb = {
  words: ['partner', 'dsa', 'set'],
  usage: 'tpw partner dsa set <partner> --reference <ref> --parties <text> --purpose <text> --lawful-basis <text> --expires YYYY-MM-DD [--permits public,partners,team,personal,OFFICIAL,OFFICIAL-SENSITIVE] [--dpia <ref>] [--json]',
  summary: "Record a partner's data-sharing agreement (and DPIA reference)",
  options: {
    reference: { type: 'string' },
    parties: { type: 'string' },
    purpose: { type: 'string' },
    'lawful-basis': { type: 'string' },
    expires: { type: 'string' },
    permits: { type: 'string', multiple: true },
    dpia: { type: 'string' },
  },
  needsDb: true,
  async run(args, wb) {
    const ref = args.positionals[0];
    if (!ref) throw new UsageError('Name the partner');
    for (const o of ['reference', 'parties', 'purpose', 'lawful-basis', 'expires']) if (str(args, o) === undefined) throw new UsageError(`--${o} is required`);
    const partner = await findContact(wb!.ctx, ref);
    const parsed = DsaInput.safeParse({
      contactId: partner.id,
      reference: str(args, 'reference'),
      parties: str(args, 'parties'),
      purpose: str(args, 'purpose'),
      lawfulBasis: str(args, 'lawful-basis'),
      expiresOn: str(args, 'expires'),
      permits: permitsOf(list(args, 'permits')),
      dpiaReference: str(args, 'dpia') ?? null,
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      const flag = { lawfulBasis: 'lawful-basis', expiresOn: 'expires', dpiaReference: 'dpia' }[String(i.path[0])] ?? String(i.path[0]);
      throw new AppError('INVALID_INPUT', `--${flag}: ${i.message}`);
    }
    const c = await setAgreement(wb!.ctx, parsed.data);
    return { json: { id: c.id, name: c.name, dsa: c.dsa, dsaStatus: c.dsaStatus }, text: describe(c) };
  },
};

export const partnerDsaShowVerb: Verb = {
  words: ['partner', 'dsa', 'show'],
  usage: 'tpw partner dsa show <partner> [--json]',
  summary: "Show a partner's data-sharing agreement, flagged when it has expired",
  options: {},
  needsDb: true,
  async run(args, wb) {
    const ref = args.positionals[0];
    if (!ref) throw new UsageError('Name the partner');
    const c = await findContact(wb!.ctx, ref);
    return { json: { id: c.id, name: c.name, dsa: c.dsa, dsaStatus: c.dsaStatus }, text: describe(c), warnings: c.dsaStatus === 'expired' ? [`${c.name}'s data-sharing agreement ${c.dsa!.reference} expired on ${c.dsa!.expiresOn}.`] : undefined };
  },
};
