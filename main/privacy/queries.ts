/** What other capabilities may use of privacy: erasing what partners' and the team's tombstones ask for, and when the last erasure was. */
export { applyTombstones, lastErasureAt } from './erase';
