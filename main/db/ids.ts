import { randomBytes } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds then 74 random bits.
 * Time-ordered (good for B-tree locality) and collision-free across laptops without coordination.
 */
export function newId(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A revision id: sequence number plus 8 random hex digits, so concurrent edits never share a rev. */
export function nextRev(previous: string | null): string {
  const seq = previous ? Number(previous.split('-')[0]) + 1 : 1;
  return `${seq}-${randomBytes(4).toString('hex')}`;
}
