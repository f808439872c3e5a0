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

export const systemContract = {
  'system.info': query<SystemInfo>()(z.object({}).default({})),
  'system.setActor': command<{ actor: string }>()(
    z.object({ actor: z.string().trim().min(1, 'Give your name').max(100, 'Keep your name under 100 characters') }),
  ),
};
