/**
 * Reads a JSON array one element at a time from a byte stream, so a member of any size is parsed
 * with memory bounded by its largest element, never by the member. The elements are cut by a
 * scan of the bytes (UTF-8's structural characters are single bytes that never occur inside a
 * multi-byte character): depth, strings and escapes are tracked, nesting and element size are
 * capped before anything is handed to the JSON parser. Each element is then parsed by
 * secure-json-parse (no "__proto__" or "constructor.prototype" keys).
 */
import sjson from 'secure-json-parse';
import { AppError } from '../../shared/errors';

export interface ArrayLimits {
  /** Largest element, in bytes of JSON text. */
  elementBytes: number;
  /** Most elements in the array. */
  elements: number;
  /** Deepest nesting, counting the array itself as 1. */
  depth: number;
}

const bad = (message: string) => new AppError('BAD_FILE', message);

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Parses one JSON text (already size- and depth-checked), refusing prototype-polluting keys. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const msg = (e as Error).message;
    if (/prototype|__proto__|constructor/i.test(msg)) throw bad(`${what} contains a "__proto__" or "constructor.prototype" key (an attempt to tamper with the program); refused.`);
    throw bad(`${what} is not valid JSON.`);
  }
}

/**
 * Yields the parsed elements of the JSON array read from `source`. `what` names the member in
 * messages ("records/hypotheses.json").
 */
export async function* jsonArrayElements(source: AsyncIterable<unknown>, what: string, limits: ArrayLimits): AsyncGenerator<unknown> {
  // 0: before '['; 1: inside the array, before an element or ']'; 2: inside an element;
  // 3: after an element, before ',' or ']'; 4: after the closing ']'.
  let state = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let count = 0;
  const pending: string[] = [];

  const finish = (chunk: Buffer, start: number, end: number) => {
    if (end > start) parts.push(chunk.subarray(start, end));
    const text = Buffer.concat(parts).toString('utf8');
    parts = [];
    partBytes = 0;
    if (++count > limits.elements) throw bad(`"${what}" holds more than ${limits.elements} items; refused.`);
    pending.push(text);
  };

  for await (const piece of source) {
    const chunk = piece as Buffer;
    let elementStart = state === 2 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (state === 2) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (++depth + 1 > limits.depth) throw bad(`"${what}" is nested more than ${limits.depth} levels deep; refused.`);
        } else if (c === 0x7d || c === 0x5d) {
          if (depth === 0) {
            // A ']' closing the array straight after a scalar element.
            if (c === 0x7d) throw bad(`"${what}" is not valid JSON.`);
            finish(chunk, elementStart, i);
            state = 4;
            elementStart = -1;
            continue;
          }
          depth--;
          if (depth === 0 && (c === 0x7d || c === 0x5d)) {
            finish(chunk, elementStart, i + 1);
            state = 3;
            elementStart = -1;
          }
        } else if (c === 0x2c && depth === 0) {
          finish(chunk, elementStart, i);
          state = 1;
          elementStart = -1;
        }
        continue;
      }
      if (WS.has(c)) continue;
      if (state === 0) {
        if (c !== 0x5b) throw bad(`"${what}" is not a list.`);
        state = 1;
      } else if (state === 1) {
        if (c === 0x5d) {
          if (count > 0) throw bad(`"${what}" is not valid JSON (a comma before "]").`);
          state = 4;
          continue;
        }
        if (c === 0x2c) throw bad(`"${what}" is not valid JSON.`);
        state = 2;
        elementStart = i;
        depth = 0;
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) {
          depth = 1;
          if (depth + 1 > limits.depth) throw bad(`"${what}" is nested more than ${limits.depth} levels deep; refused.`);
        }
      } else if (state === 3) {
        if (c === 0x2c) state = 1;
        else if (c === 0x5d) state = 4;
        else throw bad(`"${what}" is not valid JSON.`);
      } else throw bad(`"${what}" has something after the end of its list; refused.`);
    }
    if (state === 2 && elementStart >= 0) {
      parts.push(chunk.subarray(elementStart));
      partBytes += chunk.length - elementStart;
      if (partBytes > limits.elementBytes) throw bad(`An item in "${what}" is larger than ${Math.round(limits.elementBytes / 1024 / 1024)} MB, more than any record may be; refused.`);
    }
    while (pending.length) {
      const text = pending.shift()!;
      if (Buffer.byteLength(text) > limits.elementBytes) throw bad(`An item in "${what}" is larger than ${Math.round(limits.elementBytes / 1024 / 1024)} MB, more than any record may be; refused.`);
      yield parseJsonText(text, `An item in "${what}"`);
    }
  }
  if (state !== 4) throw bad(state === 0 ? `"${what}" is empty, not a list.` : `"${what}" ends before its list is complete.`);
}
