/**
 * The parts of extension/package.json that are derived rather than written by hand: the settings (from the engine's
 * SETTING_SPECS) and the settings an untrusted workspace may not set. Used by scripts/sync-configuration.mjs and by
 * the unit test that keeps package.json in sync.
 */
import { configurationContribution, restrictedConfigurations } from './contributes.ts';

type Manifest = Record<string, unknown> & {
  contributes?: Record<string, unknown>;
  capabilities?: Record<string, unknown> & { untrustedWorkspaces?: Record<string, unknown> };
};

export const UNTRUSTED_DESCRIPTION =
  'Analysis and threshold tuning only read the workbook and work in untrusted workspaces; experiment tasks and notebooks run code from the workspace and need trust. Settings that point at folders or reference files are taken from your user settings only.';

export function manifestWithDerivedParts(manifest: Manifest): Manifest {
  return {
    ...manifest,
    capabilities: {
      ...manifest.capabilities,
      untrustedWorkspaces: {
        supported: 'limited',
        description: UNTRUSTED_DESCRIPTION,
        restrictedConfigurations: restrictedConfigurations(),
      },
    },
    contributes: { ...manifest.contributes, configuration: configurationContribution() },
  };
}
