/**
 * The `contributes.configuration` block of package.json, derived from the engine's SETTING_SPECS (the single source
 * of truth for every setting's name, type, default and meaning) plus the settings only the extension has.
 * scripts/sync-configuration.mjs writes it into package.json; a unit test fails when the two drift apart.
 */
import { jsonSchemaOf, SETTING_SPECS } from '../../../engine/config/settings.ts';

export const SECTION = 'clauseCascade';

/** Settings the extension adds: reference inputs are paths, so they are not part of the engine's Settings. */
export const EXTENSION_SETTINGS: Record<string, Record<string, unknown>> = {
  conditions: {
    type: 'array',
    items: { type: 'string' },
    default: [],
    description:
      'Conditions documents (.pdf, .docx, .txt) used by the advice waterfall. Relative paths are resolved against the first workspace folder.',
    scope: 'resource',
  },
  library: {
    type: 'string',
    default: '',
    description: 'Clause library workbook (.xlsx or .csv); empty for none. Relative to the first workspace folder.',
    scope: 'resource',
  },
  instructions: {
    type: 'string',
    default: '',
    description: 'Custom instructions file (.xlsx, .csv or .txt); empty for none. Relative to the first workspace folder.',
    scope: 'resource',
  },
};

/**
 * Settings that point the engine at files or folders outside the workbook. In an untrusted workspace only the
 * user's own values count for them, so a cloned repository cannot redirect model or cache folders.
 */
export const RESTRICTED_SETTINGS = ['embeddings.modelDir', 'embeddings.cacheDir', 'embeddings.allowRemote', 'conditions', 'library', 'instructions'];

/** The manifest's placeholder for a setting's description, resolved from package.nls(.nl).json. */
export const descriptionKey = (name: string) => `configuration.${name}.description`;

/** Every setting's English description by name: SETTING_SPECS' own, then the extension's. */
export function settingDescriptions(): Record<string, string> {
  return Object.fromEntries([
    ...Object.entries(SETTING_SPECS).map(([name, spec]) => [name, spec.description] as const),
    ...Object.entries(EXTENSION_SETTINGS).map(([name, schema]) => [name, String(schema.description)] as const),
  ]);
}

export function configurationContribution(): Record<string, unknown> {
  const schemas = [...Object.entries(SETTING_SPECS).map(([name, spec]) => [name, jsonSchemaOf(spec)] as const), ...Object.entries(EXTENSION_SETTINGS)];
  const properties = Object.fromEntries(
    schemas.map(([name, schema], order) => [`${SECTION}.${name}`, { ...schema, description: `%${descriptionKey(name)}%`, order }]),
  );
  return { title: 'Clause Cascade', properties };
}

export function restrictedConfigurations(): string[] {
  return RESTRICTED_SETTINGS.map((name) => `${SECTION}.${name}`);
}
