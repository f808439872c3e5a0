/**
 * Data-sharing agreements (ICO data sharing code): the agreement (DSA) and DPIA behind sending a
 * partner anything that needs one. Personal data and OFFICIAL-SENSITIVE content go only to a
 * partner whose agreement is current (not past its expiry date) and permits them; public data
 * needs no agreement. The same rule is stated here once, for the service that refuses and the
 * screens that warn.
 */
import { z } from 'zod';
import { Id, IsoDate, OptionalText, RequiredText } from './common';
import { SENSITIVITIES } from './evidence';
import { SECURITY_MARKINGS } from './marking';

/** What an agreement can permit: sensitivities and markings. */
export const DSA_PERMITS = [...SENSITIVITIES, ...SECURITY_MARKINGS] as const;
export type DsaPermit = (typeof DSA_PERMITS)[number];
export const DSA_PERMIT_LABELS: Record<DsaPermit, string> = {
  public: 'Public',
  partners: 'Partners',
  team: 'Team only',
  personal: 'Personal data',
  OFFICIAL: 'OFFICIAL',
  'OFFICIAL-SENSITIVE': 'OFFICIAL-SENSITIVE',
};
/** What cannot leave without a current agreement that permits it. */
export const GATED_PERMITS = ['personal', 'OFFICIAL-SENSITIVE'] as const satisfies readonly DsaPermit[];
export type GatedPermit = (typeof GATED_PERMITS)[number];
export const GATED_WORDS: Record<GatedPermit, string> = { personal: 'personal data', 'OFFICIAL-SENSITIVE': 'OFFICIAL-SENSITIVE material' };

export const DsaFields = {
  reference: RequiredText('The DSA reference', 100),
  parties: RequiredText('The parties to the agreement', 1000),
  purpose: RequiredText('The purpose of the sharing', 2000),
  lawfulBasis: RequiredText('The lawful basis', 500),
  expiresOn: IsoDate,
  permits: z
    .array(z.enum(DSA_PERMITS, { error: `Each permitted item must be one of: ${DSA_PERMITS.join(', ')}` }))
    .max(DSA_PERMITS.length)
    .default([])
    .transform((p) => DSA_PERMITS.filter((x) => p.includes(x))),
  dpiaReference: OptionalText(100),
};
export const DsaInput = z.object({ contactId: Id, ...DsaFields });
export type DsaInput = z.input<typeof DsaInput>;

export interface SharingAgreement {
  reference: string;
  parties: string;
  purpose: string;
  lawfulBasis: string;
  /** YYYY-MM-DD: the last day it is current. */
  expiresOn: string;
  permits: DsaPermit[];
  dpiaReference: string | null;
  updatedAt: string;
}

/** 'none': no agreement recorded; 'expired': past its expiry date, so not current. */
export type DsaStatus = 'none' | 'current' | 'expired';

export const dsaStatus = (dsa: SharingAgreement | null, today: string): DsaStatus => (!dsa ? 'none' : dsa.expiresOn < today ? 'expired' : 'current');

/** What the content of an exchange needs an agreement for, with a few of the records as examples. */
export interface GatedContent {
  kind: GatedPermit;
  count: number;
  examples: string[];
}

/**
 * Why this partner may not be sent this content, or null when they may. Said the same way by the
 * refusal (service, CLI) and the Send screen's warning.
 */
export function sharingRefusal(partner: { name: string; dsa: SharingAgreement | null }, gated: readonly GatedContent[], today: string): string | null {
  const needed = gated.filter((g) => g.count > 0);
  if (needed.length === 0) return null;
  const status = dsaStatus(partner.dsa, today);
  const what = (g: GatedContent) => `${GATED_WORDS[g.kind]} (${g.count} record${g.count === 1 ? '' : 's'}, e.g. ${g.examples.slice(0, 2).join(', ')})`;
  if (status === 'none') {
    return `${partner.name} has no data-sharing agreement recorded, so ${needed.map(what).join(' and ')} cannot be sent to them. Record the DSA on their partner page (or \`tpw partner dsa set\`), or leave that content out.`;
  }
  if (status === 'expired') {
    return `${partner.name}'s data-sharing agreement ${partner.dsa!.reference} expired on ${partner.dsa!.expiresOn}, so it is not current and ${needed.map(what).join(' and ')} cannot be sent to them. Record the renewed agreement, or leave that content out.`;
  }
  const missing = needed.filter((g) => !partner.dsa!.permits.includes(g.kind));
  if (missing.length === 0) return null;
  return `${partner.name}'s data-sharing agreement ${partner.dsa!.reference} does not permit ${missing.map(what).join(' or ')}. Record an agreement that permits it, or leave that content out.`;
}

/**
 * Names and identifiers to redact from a bundle or report as it is written: each is replaced by a
 * label ("[Person A]", "[Person B]", … in the order given), matched whole-word and regardless of
 * case. What is recorded is the label and how many times it was used, never the text.
 */
export const RedactTerms = z
  .array(z.string().trim().min(2, 'A name to redact needs at least 2 characters').max(200, 'Keep each name to redact under 200 characters'))
  .max(100, 'Redact at most 100 names at once')
  .optional()
  .transform((terms = []) => {
    const seen = new Set<string>();
    return terms.filter((t) => {
      const k = t.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  });

/** One label used in a redaction, and how many times: what the exchange log and manifest keep. */
export interface RedactionEntry {
  label: string;
  count: number;
}
