/**
 * The parts of extension/package.json and its package.nls(.nl).json that are derived rather than written by hand: the
 * settings (from the engine's SETTING_SPECS, their texts in English and Dutch) and the settings an untrusted
 * workspace may not set. Used by scripts/sync-configuration.mjs and by the unit test that keeps the files in sync.
 */
import { configurationContribution, descriptionKey, restrictedConfigurations, settingDescriptions } from './contributes.ts';
import { SETTING_DESCRIPTIONS_NL, UNTRUSTED_DESCRIPTION_NL } from './settings-nl.ts';

type Manifest = Record<string, unknown> & {
  contributes?: Record<string, unknown>;
  capabilities?: Record<string, unknown> & { untrustedWorkspaces?: Record<string, unknown> };
};

/** package.nls.json or package.nls.nl.json: text by key. */
export type Nls = Record<string, string>;

export const UNTRUSTED_DESCRIPTION =
  'Analysis and threshold tuning only read the workbook and work in untrusted workspaces; experiment tasks and notebooks run code from the workspace and need trust. Settings that point at folders or reference files are taken from your user settings only.';

const UNTRUSTED_KEY = 'capabilities.untrustedWorkspaces.description';

export function manifestWithDerivedParts(manifest: Manifest): Manifest {
  return {
    ...manifest,
    capabilities: {
      ...manifest.capabilities,
      untrustedWorkspaces: {
        supported: 'limited',
        description: `%${UNTRUSTED_KEY}%`,
        restrictedConfigurations: restrictedConfigurations(),
      },
    },
    contributes: { ...manifest.contributes, configuration: configurationContribution() },
  };
}

/**
 * The hand-written texts of an nls file with the derived ones (re)placed: English from SETTING_SPECS, Dutch from
 * SETTING_DESCRIPTIONS_NL. A setting without a Dutch text throws, naming it.
 */
export function nlsWithDerivedParts(nls: Nls, language: 'en' | 'nl'): Nls {
  const derived: Nls = { [UNTRUSTED_KEY]: language === 'en' ? UNTRUSTED_DESCRIPTION : UNTRUSTED_DESCRIPTION_NL };
  for (const [name, english] of Object.entries(settingDescriptions())) {
    const text = language === 'en' ? english : SETTING_DESCRIPTIONS_NL[name];
    if (text === undefined) throw new Error(`Setting ${name} has no Dutch description in extension/src/config/settings-nl.ts`);
    derived[descriptionKey(name)] = text;
  }
  const handWritten = Object.fromEntries(Object.entries(nls).filter(([key]) => !key.startsWith('configuration.') && key !== UNTRUSTED_KEY));
  return { ...handWritten, ...derived };
}
