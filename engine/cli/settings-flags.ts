/**
 * Command-line flags for settings (SPEC §3, §12), derived from SETTING_SPECS: each flag names one setting, and its
 * help text, allowed values and default come from that setting's spec. Values are passed to resolveSettings as text,
 * so validation and messages are the engine's (a SettingError exits 2). `--set name=value` reaches every other
 * setting; `--model` / `--no-embeddings` set `embeddings.model.<mode>` for the mode the run ends up in.
 */
import { Option, type Command } from 'commander';
import { resolveSettings, SettingError, settingSpec, SETTING_SPECS, type SettingSpec, type Settings } from '../config/settings.ts';
import { UsageError } from '../util/errors.ts';

export interface SettingFlag {
  /** Commander flag syntax, e.g. `--accuracy <percent>`. */
  flags: string;
  /** Dotted setting name in SETTING_SPECS. */
  setting: string;
}

export const MODE_FLAG: SettingFlag = { flags: '--mode <mode>', setting: 'mode' };
export const POLICY_FLAG: SettingFlag = { flags: '--policy <policy>', setting: 'policy' };
export const LEADER_SEARCH_FLAG: SettingFlag = { flags: '--leader-search <search>', setting: 'leaderSearch' };

/** The settings flags of `analyze`, in the order of SPEC §12. */
export const ANALYZE_SETTING_FLAGS: readonly SettingFlag[] = [
  MODE_FLAG,
  POLICY_FLAG,
  { flags: '--accuracy <percent>', setting: 'clusterAccuracy' },
  { flags: '--min-frequency <n>', setting: 'minFrequency' },
  LEADER_SEARCH_FLAG,
  { flags: '--window-size <n>', setting: 'windowSize' },
  { flags: '--partitions <k>', setting: 'partitions' },
  { flags: '--sheet <name|index>', setting: 'input.sheet' },
  { flags: '--text-column <header>', setting: 'input.textColumn' },
  { flags: '--policy-column <header|none>', setting: 'input.policyColumn' },
  { flags: '--model-dir <dir>', setting: 'embeddings.modelDir' },
  { flags: '--reference-date <YYYY-MM-DD>', setting: 'referenceDate' },
  { flags: '--threads <n>', setting: 'threads' },
];

function specOf(setting: string): SettingSpec {
  const spec = settingSpec(setting);
  if (!spec) throw new Error(`No setting ${setting} in SETTING_SPECS`);
  return spec;
}

/** `0.8`, `none`, `"" (automatic)`… as shown in help. */
function showDefault(spec: SettingSpec): string {
  if (spec.kind === 'signalList') return spec.default.join(',');
  if (spec.kind === 'string' && spec.default === '') return 'automatic';
  return String(spec.default);
}

/** Allowed values or range in a few words, from the spec. */
export function allowedValues(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const kind = spec.kind === 'integer' ? 'integer' : 'number';
      return spec.max === undefined ? `${kind} ≥ ${spec.min}` : `${kind} ${spec.min}–${spec.max}`;
    }
    case 'enum':
      return spec.values.join('|');
    case 'boolean':
      return 'true|false';
    case 'string':
      return spec.patternHint ?? 'text';
    case 'signalList':
      return 'comma-separated signal ids';
  }
}

export function settingHelp(setting: string): string {
  const spec = specOf(setting);
  return `${spec.description} [${allowedValues(spec)}; default: ${showDefault(spec)}; setting ${setting}]`;
}

export function addSettingFlags(command: Command, flags: readonly SettingFlag[]): void {
  for (const flag of flags) command.addOption(new Option(flag.flags, settingHelp(flag.setting)));
}

function collectAssignment(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addSetOption(command: Command): void {
  command.option('--set <name=value>', 'Any other setting by its dotted name, e.g. --set seed.exitLow=0.4 (repeatable; see the list below)', collectAssignment);
}

/** Help text listing every setting with its allowed values and default. */
export function settingsListHelp(): string {
  const names = Object.keys(SETTING_SPECS);
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name) => {
    const spec = specOf(name);
    return `  ${name.padEnd(width)}  ${allowedValues(spec)} (default: ${showDefault(spec)})`;
  });
  return `\nSettings for --set name=value:\n${lines.join('\n')}\n`;
}

/** `name=value` pairs → overrides; a malformed pair is a usage error. */
export function parseAssignments(assignments: readonly string[] | undefined): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const assignment of assignments ?? []) {
    const at = assignment.indexOf('=');
    const name = at < 0 ? '' : assignment.slice(0, at).trim();
    if (name === '') throw new UsageError(`--set expects name=value (e.g. --set seed.exitLow=0.4), got ${JSON.stringify(assignment)}.`);
    overrides[name] = assignment.slice(at + 1);
  }
  return overrides;
}

export interface SettingsFromFlags {
  /** Parsed commander options (camel-cased attribute names). */
  options: Record<string, unknown>;
  flags: readonly SettingFlag[];
  /** `--set` assignments. */
  set?: readonly string[];
  /** `--model <id|folder>`. */
  model?: string;
  /** `--no-embeddings` (commander's `embeddings: false`). */
  noEmbeddings?: boolean;
  /** Settings forced by the command itself (e.g. bench's disk cache off); they win over flags. */
  forced?: Record<string, unknown>;
  devMode?: boolean;
}

/** Setting overrides from the flags, `--set` first and the dedicated flags on top. */
export function overridesFromFlags(input: SettingsFromFlags): Record<string, unknown> {
  const overrides: Record<string, unknown> = { ...parseAssignments(input.set) };
  for (const flag of input.flags) {
    const value = input.options[new Option(flag.flags).attributeName()];
    if (value !== undefined) overrides[flag.setting] = value;
  }
  if (input.devMode) overrides.devMode = true;
  return { ...overrides, ...input.forced };
}

/**
 * Resolves the effective settings. `--model` and `--no-embeddings` apply to the mode the other flags select, so the
 * settings are resolved once to learn the mode and once more with the model set.
 */
export function settingsFromFlags(input: SettingsFromFlags): Settings {
  try {
    return resolveFromFlags(input);
  } catch (error) {
    // Name the flag the user typed next to the setting the engine names.
    const flag = error instanceof SettingError ? input.flags.find((f) => f.setting === error.setting) : undefined;
    if (error instanceof SettingError && flag && input.options[new Option(flag.flags).attributeName()] !== undefined) {
      throw new SettingError(error.setting, `${error.message.replace(/\.$/, '')} (flag ${flag.flags.split(' ')[0]}).`);
    }
    throw error;
  }
}

function resolveFromFlags(input: SettingsFromFlags): Settings {
  const overrides = overridesFromFlags(input);
  if (input.model !== undefined && input.noEmbeddings) throw new UsageError('--model and --no-embeddings contradict each other; give one of them.');
  if (input.model === undefined && !input.noEmbeddings) return resolveSettings(overrides);
  if (input.model !== undefined && input.model.trim() === '') throw new UsageError('--model needs a model id or a model folder (or use --no-embeddings).');
  const mode = resolveSettings(overrides).mode;
  return resolveSettings({ ...overrides, [`embeddings.model.${mode}`]: input.noEmbeddings ? 'none' : input.model });
}

/** Developer mode from `--verbose` or the environment (SPEC §3 devMode). */
export function devModeFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CLAUSE_CASCADE_DEV === '1' || env.CLAUSE_CASCADE_DEV === 'true';
}
