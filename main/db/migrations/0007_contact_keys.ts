import type { Migration } from '../migrate';
import { sha256Upper } from '../sha256';

/**
 * FROZEN once shipped. Contact fingerprints cover every public key (issue 10): a partner with the
 * app is now identified by the hash of both their age recipient and their minisign key, so a card
 * whose encryption key was swapped no longer shows the real partner's fingerprint. Every such
 * partner gets the new fingerprint and is marked unverified, with the reason shown, until the new
 * fingerprint has been compared by phone. Bare age recipients keep theirs (it already covers their
 * only key).
 */
const REASON =
  'The fingerprint now covers both of their keys (the one you encrypt to as well as the one they sign with), so it is not the one you compared before. Compare the new fingerprint with them by phone, then mark them verified again.';

export const m0007_contact_keys: Migration = {
  version: 7,
  name: '0007_contact_keys',
  up(db) {
    db.exec('ALTER TABLE contacts ADD COLUMN unverified_reason TEXT');
    const rows = db.prepare("SELECT id, age_recipient AS age, minisign_public_key AS minisign FROM contacts WHERE kind = 'app' AND minisign_public_key IS NOT NULL").all() as {
      id: string;
      age: string;
      minisign: string;
    }[];
    const update = db.prepare('UPDATE contacts SET fingerprint = ?, verified_at = NULL, unverified_reason = ? WHERE id = ?');
    for (const r of rows) update.run(sha256Upper(`tpw-fingerprint-v2\nage:${r.age}\nminisign:${r.minisign}\n`), REASON, r.id);
  },
};
