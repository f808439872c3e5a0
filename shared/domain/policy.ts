/**
 * Settings an IT department fixes for every user of a machine (the policy file, or on Windows the
 * Group Policy registry key). The schema is the boundary check for what IT wrote; main/core/policy.ts
 * reads it, and the app shows which settings are managed.
 */
import { z } from 'zod';
import { SENSITIVITIES, SENSITIVITY_LABELS } from './evidence';
import { SECURITY_MARKINGS, type SecurityMarking } from './marking';

export type { SecurityMarking };

export const POLICY_KEYS = ['dataFolder', 'forbidPassphraseOnlyBundles', 'defaultSecurityMarking', 'retentionMonths', 'teamFolderLocations'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export const POLICY_LABELS: Record<PolicyKey, string> = {
  dataFolder: 'Folder for pilot files',
  forbidPassphraseOnlyBundles: 'Bundles protected only by a passphrase',
  defaultSecurityMarking: 'Default security marking',
  retentionMonths: 'Retention (months after the pilot ends)',
  teamFolderLocations: 'Where team folders may be',
};

const FOLDER_MAX = 1024;
const folder = (what: string) =>
  z
    .string({ error: `${what} must be text (a folder path)` })
    .trim()
    .min(1, `${what} is empty`)
    .max(FOLDER_MAX, `${what} is longer than ${FOLDER_MAX} characters`)
    .refine((s) => !s.includes('\0'), `${what} contains a NUL character`);

const months = z.number({ error: 'Give a whole number of months' }).int('Give a whole number of months').min(1, 'At least 1 month').max(1200, 'At most 1200 months (100 years)');

/**
 * The policy file (JSON). Unknown keys are refused rather than ignored: a misspelt security setting
 * must not silently leave the app unmanaged.
 */
export const PolicyFileSchema = z.strictObject({
  /** Where pilot files live by default, e.g. "%USERPROFILE%\\OneDrive - Council\\Total Place" (variables expanded). */
  dataFolder: folder('dataFolder').optional(),
  /** True: a bundle must be encrypted to named partners; "anyone with the passphrase" is refused. */
  forbidPassphraseOnlyBundles: z.boolean({ error: 'forbidPassphraseOnlyBundles must be true or false' }).optional(),
  defaultSecurityMarking: z.enum(SECURITY_MARKINGS, { error: `defaultSecurityMarking must be one of ${SECURITY_MARKINGS.join(', ')}` }).optional(),
  /** Retention per sensitivity, in months after the pilot's report deadline. */
  retentionMonths: z.strictObject(Object.fromEntries(SENSITIVITIES.map((s) => [s, months.optional()])) as Record<(typeof SENSITIVITIES)[number], z.ZodOptional<typeof months>>).optional(),
  /** Team folders may only be created or joined inside one of these folders. */
  teamFolderLocations: z.array(folder('teamFolderLocations entry')).min(1, 'teamFolderLocations needs at least one folder').max(50, 'teamFolderLocations has more than 50 folders').optional(),
});
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** One setting as the app shows it: managed (with its value and where it was set) or the user's to choose. */
export interface PolicySettingInfo {
  key: PolicyKey;
  label: string;
  managed: boolean;
  /** The managed value in words (null when not managed). */
  value: string | null;
  /** The file or registry key that set it (null when not managed). */
  source: string | null;
}

/** The effective values (defaults where nothing is managed), for features that act on them. */
export interface PolicyValues {
  /** Absolute, with variables expanded. */
  dataFolder: string | null;
  forbidPassphraseOnlyBundles: boolean;
  defaultSecurityMarking: SecurityMarking | null;
  retentionMonths: Partial<Record<(typeof SENSITIVITIES)[number], number>> | null;
  /** Absolute, with variables expanded. */
  teamFolderLocations: string[] | null;
}

export interface PolicyInfo {
  values: PolicyValues;
  settings: PolicySettingInfo[];
  /** Where this machine's policy is looked for, so people know what IT controls. */
  locations: string[];
}

export const describeRetention = (r: Partial<Record<(typeof SENSITIVITIES)[number], number>>): string =>
  SENSITIVITIES.filter((s) => r[s] !== undefined)
    .map((s) => `${SENSITIVITY_LABELS[s]}: ${r[s]} months`)
    .join('; ');
