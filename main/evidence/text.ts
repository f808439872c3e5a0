/**
 * Text of plain-text, CSV and Markdown attachments, for the search index. Bounded: only the first
 * MAX_TEXT_BYTES are read (a 2 GB log file must not be pulled into memory or the index), cut back
 * to a whitespace byte so no UTF-8 character is split. UTF-8 is tried first, then Windows-1252,
 * which is what council systems still export.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { SNIPPET_END, SNIPPET_START } from '../../shared/domain/evidence';

export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'csv', 'tsv', 'md', 'markdown']);

const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  md: 'text/markdown',
  markdown: 'text/markdown',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  zip: 'application/zip',
  eml: 'message/rfc822',
};

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

export function isIndexableText(name: string): boolean {
  return TEXT_EXTENSIONS.has(extensionOf(name));
}

/** Reads at most MAX_TEXT_BYTES of a file and decodes it; `truncated` says whether there was more. */
export async function readIndexableText(file: string, maxBytes = MAX_TEXT_BYTES): Promise<{ text: string; truncated: boolean }> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const want = Math.min(size, maxBytes);
    const buf = Buffer.alloc(want);
    let read = 0;
    while (read < want) {
      const { bytesRead } = await fh.read(buf, read, want - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    let bytes = buf.subarray(0, read);
    const truncated = size > read;
    if (truncated) {
      const cut = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x20));
      if (cut > 0) bytes = bytes.subarray(0, cut);
    }
    return { text: clean(decode(bytes)), truncated };
  } finally {
    await fh.close();
  }
}

function decode(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'win1252');
  }
}

/** NULs and our snippet markers never reach the index (the markers must only come from snippet()). */
function clean(text: string): string {
  return text.replace(/\u0000/g, ' ').replaceAll(SNIPPET_START, ' ').replaceAll(SNIPPET_END, ' ');
}
