import { createHash } from 'node:crypto';

/** SHA-256 of a UTF-8 text, upper-case hex. Frozen: migrations rely on it giving today's answer. */
export const sha256Upper = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase();
