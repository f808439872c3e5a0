/**
 * Browser mode sends no server filesystem path to the browser. Files the services make (report
 * files, exports, bundles, contact and member cards) carry a `urlPath` the browser downloads from,
 * and a `path` for the desktop shell and the CLI; here, at the one place every browser-mode result
 * passes, each `path` holding an absolute path is left out, whichever capability made it. Nothing
 * else is touched: a result with no such field is returned as it is (the same object, not a copy).
 */
import path from 'node:path';

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

const isServerPath = (key: string, v: unknown): boolean => key === 'path' && typeof v === 'string' && (path.isAbsolute(v) || path.win32.isAbsolute(v));

export function withoutServerPaths<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = strip(item);
      if (next !== item) (out ??= value.slice())[i] = next;
    });
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, v] of Object.entries(value)) {
    if (isServerPath(key, v)) {
      out ??= { ...value };
      delete out[key];
      continue;
    }
    const next = strip(v);
    if (next !== v) (out ??= { ...value })[key] = next;
  }
  return out ?? value;
}
