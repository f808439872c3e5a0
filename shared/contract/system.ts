import { z } from 'zod';
import { query, command, localOnly } from './define';
import type { PolicyInfo } from '../domain/policy';

export interface SystemInfo {
  appVersion: string;
  schemaVersion: number;
  /** Desktop and CLI: the pilot file's full path; browser mode: its file name only (no server paths reach a browser). */
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
  /**
   * Stage a local file as an upload. Pages stream the file to /files/upload instead; the desktop
   * window may call this only with the file chosen in the main process's own dialog.
   */
  'upload.fromPath': localOnly(query<UploadInfo>()(z.object({ path: z.string().min(1, 'Choose a file').max(4096) })), {
    pick: { field: 'path', kind: 'open-file', title: 'Choose a file' },
  }),
  'system.info': query<SystemInfo>()(z.object({}).default({})),
  /** The write running now (a spend import, say) and how many wait behind it: the window's "busy" notice. */
  'system.activity': query<{ label: string; since: string; waiting: number } | null>()(z.object({}).default({})),
  /** The settings IT manages on this machine (central policy), and where policy is read from. */
  'system.policy': query<PolicyInfo>()(z.object({}).default({})),
  'system.setActor': command<{ actor: string }>()(
    z.object({ actor: z.string().trim().min(1, 'Give your name').max(100, 'Keep your name under 100 characters') }),
  ),
};
