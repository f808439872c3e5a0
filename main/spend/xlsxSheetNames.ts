/**
 * The real names and tab order of a workbook's sheets, read from xl/workbook.xml and its
 * relationships through the ZIP's central directory (yauzl), whatever order the writer put the
 * parts in. exceljs's streaming reader names a sheet "Sheet1" when the workbook part comes after
 * the sheets or its relationship targets are absolute paths — which is how openpyxl (and so
 * pandas) writes every workbook.
 */
import type yauzl from 'yauzl';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const zipReader = () => import('yauzl');

export interface WorkbookParts {
  /** Sheets in tab order (empty when the workbook parts cannot be read). */
  sheets: SheetName[];
  /**
   * The workbook part or the shared strings are stored after the sheets (openpyxl, pandas):
   * exceljs's streaming reader then parks the sheets in temporary files, and its unzipper can end
   * the ZIP early on that path (about one read in ten here), so such a workbook is read whole.
   */
  partsAfterSheets: boolean;
}

export interface SheetName {
  name: string;
  /** N of xl/worksheets/sheetN.xml, which exceljs knows a sheet by when it cannot name it. */
  fileNo: string | null;
  hidden: boolean;
}

async function readEntries(file: string, wanted: Set<string>): Promise<{ found: Map<string, string>; order: string[] }> {
  const { open } = (await zipReader()).default;
  return new Promise((resolve, reject) => {
    const found = new Map<string, string>();
    const order: string[] = [];
    // Closed by hand, and only then resolved: the workbook is opened again straight after, and a
    // descriptor closed late by autoClose could be one the next reader was given.
    open(file, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('unreadable ZIP'));
      zip.on('error', reject);
      zip.on('close', () => resolve({ found, order }));
      zip.on('end', () => zip.close());
      zip.on('entry', (entry: yauzl.Entry) => {
        order.push(entry.fileName);
        if (!wanted.has(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            found.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3] ?? null) : null;
};

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'amp') return '&';
    return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
  });

/** The workbook's sheets in tab order, and whether its parts come after its sheets. */
export async function xlsxSheetNames(file: string): Promise<WorkbookParts> {
  let parts: Map<string, string>;
  let order: string[];
  try {
    ({ found: parts, order } = await readEntries(file, new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels'])));
  } catch {
    return { sheets: [], partsAfterSheets: false };
  }
  const firstSheet = order.findIndex((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const after = (part: string) => firstSheet >= 0 && order.indexOf(part) > firstSheet;
  const partsAfterSheets = after('xl/workbook.xml') || after('xl/_rels/workbook.xml.rels') || after('xl/sharedStrings.xml');
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) return { sheets: [], partsAfterSheets };
  const targets = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) targets.set(id, target);
  }
  const sheets: SheetName[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1]!, 'name');
    if (name === null) continue;
    const rid = attr(m[1]!, 'r:id') ?? attr(m[1]!, 'id');
    // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
    const target = rid ? (targets.get(rid) ?? '') : '';
    const fileNo = /worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1] ?? null;
    const state = attr(m[1]!, 'state');
    sheets.push({ name: unescapeXml(name), fileNo, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  return { sheets, partsAfterSheets };
}
