/** Turning the names people type on the command line into record ids; an unknown name refuses the command. */
import { AppError } from '../../shared/errors';
import type { Workbench } from '../core/workbench';
import { unwrap } from './io';

export async function organisationId(wb: Workbench, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const orgs = unwrap(await wb.dispatch('organisation.list', {}));
  const org = orgs.find((o) => o.id === name || o.name.toLowerCase() === name.trim().toLowerCase());
  if (!org) throw new AppError('INVALID_INPUT', `No organisation is called "${name}". Add it first with \`tpw org add --name "${name}"\`.`);
  return org.id;
}

export async function themeId(wb: Workbench, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const themes = unwrap(await wb.dispatch('pilot.overview', {})).themes;
  const t = themes.find((x) => x.id === name || x.name.toLowerCase() === name.trim().toLowerCase());
  if (!t) throw new AppError('INVALID_INPUT', `No theme is called "${name}". Themes: ${themes.map((x) => x.name).join('; ') || 'none yet'}.`);
  return t.id;
}
