// `node --import ./tests/helpers/trace-imports.mjs …`: appends the URL of every module the program
// imports to $TPW_TRACE_FILE, one a line — to show which libraries a command loads.
import { register } from 'node:module';

const hooks = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.TPW_TRACE_FILE) fs.appendFileSync(process.env.TPW_TRACE_FILE, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
