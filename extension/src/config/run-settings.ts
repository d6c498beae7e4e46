/**
 * From the `clauseCascade.*` configuration to what one engine run needs: validated engine Settings (through the
 * engine's resolveSettings, so a bad value is reported with the setting's name) and the reference input paths.
 * Pure apart from the `get` callback, so it is unit tested without VS Code.
 */
import path from 'node:path';
import { resolveSettings, SETTING_SPECS, SettingError, type Mode, type Settings } from '../../../engine/config/settings.ts';
import { resolveSettingPaths } from '../../../engine/experiment/config.ts';
import { SECTION } from './contributes.ts';

export interface RunInputs {
  settings: Settings;
  conditions: string[];
  libraries: string[];
  instructions: string | null;
}

/** Reads one dotted setting (`seed.exitLow`); undefined when unset. */
export type ConfigGetter = (name: string) => unknown;

export class SettingsProblem extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsProblem';
  }
}

/** Dotted engine setting names with their configured values, skipping unset ones so the engine defaults apply. */
export function engineOverrides(get: ConfigGetter): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const name of Object.keys(SETTING_SPECS)) {
    const value = get(name);
    if (value !== undefined && value !== null) overrides[name] = value;
  }
  return overrides;
}

export function resolveRunInputs(get: ConfigGetter, options: { workspaceRoot: string | null; mode?: Mode; overrides?: Record<string, unknown> }): RunInputs {
  let settings: Settings;
  try {
    // Model folders and caches given as relative paths are the workspace's, not the extension host's working folder.
    const configured = options.workspaceRoot === null ? engineOverrides(get) : resolveSettingPaths(engineOverrides(get), options.workspaceRoot);
    settings = resolveSettings({ ...configured, ...options.overrides, ...(options.mode ? { mode: options.mode } : {}) });
  } catch (error) {
    if (error instanceof SettingError) throw new SettingsProblem(`${SECTION}.${error.setting}`, `Setting ${SECTION}.${error.setting}: ${error.message}`);
    throw error;
  }
  const resolvePath = (p: string) => (path.isAbsolute(p) || options.workspaceRoot === null ? p : path.resolve(options.workspaceRoot, p));
  const conditions = get('conditions');
  if (conditions !== undefined && (!Array.isArray(conditions) || !conditions.every((c) => typeof c === 'string'))) {
    throw new SettingsProblem(`${SECTION}.conditions`, `Setting ${SECTION}.conditions must be a list of file paths.`);
  }
  const text = (name: string): string | null => {
    const value = get(name);
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') throw new SettingsProblem(`${SECTION}.${name}`, `Setting ${SECTION}.${name} must be a file path.`);
    return resolvePath(value);
  };
  const library = text('library');
  return {
    settings,
    conditions: ((conditions as string[] | undefined) ?? []).filter((c) => c.trim() !== '').map(resolvePath),
    libraries: library ? [library] : [],
    instructions: text('instructions'),
  };
}
