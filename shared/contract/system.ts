import { z } from 'zod';
import { query, command } from './define';

export interface SystemInfo {
  appVersion: string;
  schemaVersion: number;
  dbPath: string;
  integrity: string;
  actor: string;
  mode: 'desktop' | 'browser';
}

export interface UploadInfo {
  uploadId: string;
  name: string;
  size: number;
}

export const systemContract = {
  /** Desktop and CLI only: stage a local file as an upload (browser mode streams to /files/upload). */
  'upload.fromPath': query<UploadInfo>()(z.object({ path: z.string().min(1, 'Choose a file').max(4096) })),
  'system.info': query<SystemInfo>()(z.object({}).default({})),
  'system.setActor': command<{ actor: string }>()(
    z.object({ actor: z.string().trim().min(1, 'Give your name').max(100, 'Keep your name under 100 characters') }),
  ),
};
