import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Security markings (Government Security Classifications) and data-sharing
 * agreements (issue 14: what a UK GDPR / ICO data sharing code audit asks of an exchange).
 *
 * Changed record tables (new columns have defaults, so rows and bundles from older versions keep
 * working: everything that existed before is OFFICIAL, the pilot default):
 *   evidence_items, evidence_quotes, evidence_attachments
 *                   marking: OFFICIAL or OFFICIAL-SENSITIVE, beside the item's sensitivity;
 *   pilot           default_marking: what a new item is marked unless someone chooses otherwise
 *                   (IT's policy default, when set, takes its place).
 * Local tables (never travel):
 *   contacts        the partner's data-sharing agreement (reference, parties, purpose, lawful basis,
 *                   expiry date, what it permits: a JSON array of sensitivities and markings) and the
 *                   DPIA reference; all NULL until recorded;
 *   bundle_log      per exchange: the marking of what went (the highest), the DSA references it went
 *                   under, and what was redacted (labels and counts only: never the redacted text);
 *   report_versions redactions: the same record for a report written with names redacted.
 */
const MARKING = `marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (marking IN ('OFFICIAL','OFFICIAL-SENSITIVE'))`;

export const m0013_markings_sharing: Migration = {
  version: 13,
  name: '0013_markings_sharing',
  up(db) {
    db.exec(`
      ALTER TABLE evidence_items ADD COLUMN ${MARKING};
      ALTER TABLE evidence_quotes ADD COLUMN ${MARKING};
      ALTER TABLE evidence_attachments ADD COLUMN ${MARKING};
      ALTER TABLE pilot ADD COLUMN default_marking TEXT NOT NULL DEFAULT 'OFFICIAL' CHECK (default_marking IN ('OFFICIAL','OFFICIAL-SENSITIVE'));

      ALTER TABLE contacts ADD COLUMN dsa_reference TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_parties TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_purpose TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_lawful_basis TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_expires_on TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_permits TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE contacts ADD COLUMN dpia_reference TEXT;
      ALTER TABLE contacts ADD COLUMN dsa_updated_at TEXT;

      ALTER TABLE bundle_log ADD COLUMN marking TEXT;
      ALTER TABLE bundle_log ADD COLUMN agreements TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE bundle_log ADD COLUMN redactions TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE report_versions ADD COLUMN redactions TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
