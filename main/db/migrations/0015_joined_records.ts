import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Records that belong together, joined (issue 15):
 *
 *   actions.recommendation_id   the recommendation an action follows from (another row of actions,
 *                               of kind 'recommendation', which the service checks). The key is
 *                               checked at commit (DEFERRABLE INITIALLY DEFERRED): a bundle or team
 *                               change file may bring an action before its recommendation.
 *
 * (A benefits-register entry is linked to its estimate by the existing benefits.intervention_id.)
 */
export const m0015_joined_records: Migration = {
  version: 15,
  name: '0015_joined_records',
  up(db) {
    db.exec(`
      ALTER TABLE actions ADD COLUMN recommendation_id TEXT REFERENCES actions(id) DEFERRABLE INITIALLY DEFERRED;
      CREATE INDEX actions_recommendation ON actions (recommendation_id) WHERE recommendation_id IS NOT NULL;
    `);
  },
};
