/**
 * Text from attachments, for the search index and for selecting quotes: PDF (pdf.js), Word DOCX
 * (mammoth), Excel XLSX (exceljs), HTML (html-to-text), e-mail .eml (postal-mime), and plain text,
 * CSV and Markdown (read here, see text.ts).
 *
 * Parsing a partner's file is the riskiest thing the app does with it, so every file is read in a
 * worker thread of its own, with a memory cap (the worker is ended if its heap passes it), a time
 * cap (ended after EXTRACT_TIMEOUT_MS) and size caps per kind, and its text is cut at
 * MAX_TEXT_CHARS. A PDF with no text layer (a scan) comes back as 'empty': "no text found"; we do
 * not run OCR. The worker's code is the function `workerMain` below, passed to the worker as
 * source: it is compiled with the rest of the app (so it is typechecked and bundled alike) and
 * loads its libraries by the absolute paths the main thread resolved, so it works the same from
 * the sources, the bundled CLI and the packaged app.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { SNIPPET_END, SNIPPET_START } from '../../shared/domain/evidence';
import { isIndexableText, readIndexableText } from './text';

/** Bumped when a new kind of file can be read: rows left by an older extractor that found nothing are read again. */
export const EXTRACTOR_VERSION = 2;
/** The most text kept from one file (about a 1,000-page report). */
export const MAX_TEXT_CHARS = 2_000_000;
export const EXTRACT_TIMEOUT_MS = 120_000;
/** The worker's JavaScript heap; pdf.js keeps a page's objects there, exceljs a sheet's cells. */
const HEAP_MB = 384;

export type ExtractStatus = 'text' | 'empty' | 'unsupported' | 'failed' | 'timeout' | 'too_large';
export interface Extracted {
  status: ExtractStatus;
  text: string;
  truncated: boolean;
  detail: string | null;
}

type WorkerKind = 'pdf' | 'docx' | 'xlsx' | 'html' | 'eml';
const KINDS: Record<string, WorkerKind> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', xlsm: 'xlsx', html: 'html', htm: 'html', xhtml: 'html', eml: 'eml' };
/** The largest file of each kind we try to read (bigger ones are 'too_large': their size alone would strain a laptop). */
const MAX_BYTES: Record<WorkerKind, number> = {
  pdf: 256 * 1024 * 1024,
  docx: 100 * 1024 * 1024,
  xlsx: 64 * 1024 * 1024,
  html: 32 * 1024 * 1024,
  eml: 64 * 1024 * 1024,
};

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Whether the app reads the text of a file with this name. */
export const isReadable = (name: string): boolean => isIndexableText(name) || extensionOf(name) in KINDS;

interface WorkerInput {
  file: string;
  kind: WorkerKind;
  maxBytes: number;
  maxChars: number;
  modules: Record<'pdfjs' | 'mammoth' | 'exceljs' | 'htmlToText' | 'postalMime', string>;
}

/** Absolute paths of the libraries, resolved once from here (the worker has no module context of its own). */
let modulePaths: WorkerInput['modules'] | null = null;
function resolveModules(): WorkerInput['modules'] {
  if (!modulePaths) {
    const req = createRequire(import.meta.url);
    modulePaths = {
      pdfjs: req.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
      mammoth: req.resolve('mammoth'),
      exceljs: req.resolve('exceljs'),
      htmlToText: req.resolve('html-to-text'),
      postalMime: req.resolve('postal-mime'),
    };
  }
  return modulePaths;
}

/** Reads the text of one stored file. Never throws for a bad file: the outcome says what happened. */
export async function extractText(file: string, name: string, opts: { timeoutMs?: number; maxChars?: number } = {}): Promise<Extracted> {
  const maxChars = opts.maxChars ?? MAX_TEXT_CHARS;
  if (isIndexableText(name)) {
    const t = await readIndexableText(file);
    const text = clean(t.text);
    return { status: text.trim() ? 'text' : 'empty', text, truncated: t.truncated, detail: null };
  }
  const kind = KINDS[extensionOf(name)];
  if (!kind) return { status: 'unsupported', text: '', truncated: false, detail: null };
  const input: WorkerInput = { file, kind, maxBytes: MAX_BYTES[kind], maxChars, modules: resolveModules() };
  const out = await runWorker(input, opts.timeoutMs ?? EXTRACT_TIMEOUT_MS);
  const text = clean(out.text);
  if (out.status === 'text' && !text.trim()) return { ...out, status: 'empty', text: '' };
  return { ...out, text };
}

function runWorker(input: WorkerInput, timeoutMs: number): Promise<Extracted> {
  return new Promise((resolve) => {
    // esbuild (tsx, the CLI bundle) may wrap functions in __name() to keep their names: define it.
    const worker = new Worker(`var __name = (f) => f;\n(${workerMain.toString()})()`, {
      eval: true,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (r: Extracted) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ status: 'timeout', text: '', truncated: false, detail: `Stopped after ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    worker.on('message', (m: Extracted) => finish(m));
    worker.on('error', (e: Error & { code?: string }) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { status: 'too_large', text: '', truncated: false, detail: `Needed more than ${HEAP_MB} MB of memory` }
          : { status: 'failed', text: '', truncated: false, detail: e.message.slice(0, 300) },
      ),
    );
    worker.on('exit', () => finish({ status: 'failed', text: '', truncated: false, detail: 'The reader stopped unexpectedly' }));
  });
}

/** NULs and our snippet markers never reach the index (the markers must only come from snippet()). */
function clean(text: string): string {
  return text.replace(/\u0000/g, ' ').replaceAll(SNIPPET_START, ' ').replaceAll(SNIPPET_END, ' ');
}

/**
 * The worker. Self-contained: it runs from its source text, so it may use only what it requires
 * itself (no imports from this module's scope).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
function workerMain(): void {
  // The eval'd worker has a global require. Read it as a property: bundlers rewrite bare require
  // calls (esbuild's ESM output turns them into a shim that throws at run time).
  const req = (globalThis as unknown as { require: NodeJS.Require }).require;
  const { parentPort, workerData } = req('node:worker_threads') as typeof import('node:worker_threads');
  const fs = req('node:fs') as typeof import('node:fs');
  const { pathToFileURL } = req('node:url') as typeof import('node:url');
  // A plain import() would be rewritten by some bundlers and test runners; this one is left as written.
  const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;
  const input = workerData as WorkerInput;
  const reply = (m: Extracted) => parentPort!.postMessage(m);
  let text = '';
  let truncated = false;
  /** Appends text until the cap; false once the cap is reached (the reader can stop). */
  const add = (s: string): boolean => {
    if (truncated) return false;
    if (text.length + s.length > input.maxChars) {
      text += s.slice(0, input.maxChars - text.length);
      truncated = true;
      return false;
    }
    text += s;
    return true;
  };

  async function pdf(bytes: Uint8Array) {
    const pdfjs = await load(pathToFileURL(input.modules.pdfjs).href);
    const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 }).promise;
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        const parts: string[] = [];
        for (const item of content.items as { str?: string; hasEOL?: boolean }[]) {
          if (typeof item.str !== 'string') continue;
          parts.push(item.str, item.hasEOL ? '\n' : ' ');
        }
        page.cleanup();
        if (!add(`${parts.join('').replace(/[ \t]+/g, ' ').trim()}\n\n`)) break;
      }
    } finally {
      await doc.destroy();
    }
  }

  async function docx() {
    const mammoth = req(input.modules.mammoth);
    const r = await mammoth.extractRawText({ path: input.file });
    add(String(r.value ?? ''));
  }

  async function xlsx() {
    const ExcelJS = req(input.modules.exceljs);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input.file);
    const cellText = (v: any): string => {
      if (v === null || v === undefined) return '';
      if (typeof v !== 'object') return String(v);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (Array.isArray(v.richText)) return v.richText.map((r: { text: string }) => r.text).join('');
      if ('text' in v) return String(v.text);
      if ('result' in v) return cellText(v.result);
      return '';
    };
    for (const sheet of wb.worksheets) {
      if (!add(`${sheet.name}\n`)) return;
      let full = false;
      sheet.eachRow({ includeEmpty: false }, (row: any) => {
        if (full) return;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell: any) => cells.push(cellText(cell.value)));
        if (!add(`${cells.join('\t')}\n`)) full = true;
      });
      if (full) return;
      add('\n');
    }
  }

  function htmlText(html: string): string {
    const { convert } = req(input.modules.htmlToText);
    return convert(html, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
      ],
    });
  }

  function decode(bytes: Buffer): string {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }

  async function eml(bytes: Buffer) {
    const mod = req(input.modules.postalMime);
    const PostalMime = mod.default ?? mod;
    const email = await PostalMime.parse(bytes);
    const who = (a: any): string => (a ? [a.name, a.address ? `<${a.address}>` : ''].filter(Boolean).join(' ') : '');
    const head = [
      email.subject ? `Subject: ${email.subject}` : '',
      email.from ? `From: ${who(email.from)}` : '',
      email.to?.length ? `To: ${email.to.map(who).join(', ')}` : '',
      email.date ? `Date: ${email.date}` : '',
    ].filter(Boolean);
    add(`${head.join('\n')}\n\n`);
    add(email.text ? String(email.text) : email.html ? htmlText(String(email.html)) : '');
    const files = (email.attachments ?? []).map((a: any) => a.filename).filter(Boolean);
    if (files.length) add(`\n\nAttachments: ${files.join(', ')}`);
  }

  (async () => {
    const size = fs.statSync(input.file).size;
    if (size > input.maxBytes) {
      reply({ status: 'too_large', text: '', truncated: false, detail: `Larger than ${Math.round(input.maxBytes / 1024 / 1024)} MB` });
      return;
    }
    const bytes = fs.readFileSync(input.file);
    if (input.kind === 'pdf') await pdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    else if (input.kind === 'docx') await docx();
    else if (input.kind === 'xlsx') await xlsx();
    else if (input.kind === 'html') add(htmlText(decode(bytes)));
    else await eml(bytes);
    reply({ status: 'text', text, truncated, detail: truncated ? `Only the first ${input.maxChars.toLocaleString('en-GB')} characters are indexed` : null });
  })().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    reply({ status: 'failed', text: '', truncated: false, detail: message.slice(0, 300) });
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
