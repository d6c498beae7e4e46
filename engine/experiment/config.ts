/**
 * Experiment configs (SPEC §13.3): what a `*.experiment.json` file or a notebook's config cell says, and the
 * validated plan the runner executes. Every settings block goes through `resolveSettings`, the one settings schema;
 * errors name the field path (`variants[1].settings.clusterAccuracy: …`).
 *
 * Settings layering, per variant (later wins):
 *   variant run:  defaults ← `settings` ← `variants[i].settings`
 *   its baseline: defaults ← `settings` ← `variants[i].settings` ← `{ policy: 'full' }` ← `baseline.settings`
 * so by default a variant's baseline is the `full` policy with the variant's own mode and thresholds; settings given
 * under `baseline` are pinned for every variant's baseline (e.g. `leaderSearch: 'exhaustive'`).
 */
import { isRecord } from '../util/guards.ts';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { flattenOverrides, resolveSettings, SettingError, type Settings } from '../config/settings.ts';
import { GENERATOR_STYLES, type GeneratorStyle } from '../generate/types.ts';
import { InputError, UsageError } from '../util/errors.ts';

export type SettingsOverrides = Record<string, unknown>;
export type { GeneratorStyle } from '../generate/types.ts';

/** The config as written (JSON). */
export interface ExperimentConfig {
  $schema?: string;
  name: string;
  description?: string;
  dataset: {
    workbook?: string;
    generate?: { rows: number; seed?: number; style?: GeneratorStyle };
    labelColumn?: string;
    conditions?: string[];
    library?: string[];
    instructions?: string;
  };
  settings?: SettingsOverrides;
  baseline?: { settings?: SettingsOverrides };
  variants: { name: string; description?: string; settings?: SettingsOverrides; maxRows?: number }[];
  repeats?: number;
  /** repeat past `repeats` until the speedup's 95% interval is within ± this share of it, or maxRepeats */
  precision?: number;
  maxRepeats?: number;
  warmup?: boolean;
  /** Whole-process runs of each variant over several generated sizes instead of variant-against-baseline runs. */
  sweep?: { rows: number[] };
}

/** Dataset with absolute paths and defaults filled in. Exactly one of `workbook` and `generate` is set. */
export interface DatasetPlan {
  workbook: string | null;
  generate: { rows: number; seed: number; style: GeneratorStyle } | null;
  /** `Label` for generated data unless named otherwise; null when the dataset has no labels */
  labelColumn: string | null;
  conditions: string[];
  library: string[];
  instructions: string | null;
}

export interface VariantPlan {
  name: string;
  /** the variant's own overrides and its baseline's, dotted names, as written (for the report) */
  overrides: SettingsOverrides;
  baselineOverrides: SettingsOverrides;
  settings: Settings;
  baselineSettings: Settings;
  /** In a sweep, the largest size this variant runs at (null: every size). */
  maxRows: number | null;
}

/** A validated experiment, ready to run. */
export interface ExperimentPlan {
  name: string;
  description: string;
  /** absolute path of the config file, or null for a notebook cell */
  configFile: string | null;
  dataset: DatasetPlan;
  variants: VariantPlan[];
  /** the minimum of measured repeats */
  repeats: number;
  /** target half-width of the speedup's 95% interval, as a share of the speedup; null: exactly `repeats` */
  precision: number | null;
  /** the cap on repeats when a precision is asked for */
  maxRepeats: number;
  warmup: boolean;
  /** Sizes (generated rows, ascending) of a scaling sweep (engine/experiment/sweep.ts); null for a normal experiment. */
  sweep: { rows: number[] } | null;
}

export const DEFAULT_REPEATS = 3;
export const DEFAULT_MAX_REPEATS = 30;
export const DEFAULT_GENERATOR_SEED = 42;
export const EXPERIMENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TOP_LEVEL_KEYS = ['$schema', 'name', 'description', 'dataset', 'settings', 'baseline', 'variants', 'repeats', 'precision', 'maxRepeats', 'warmup', 'sweep'];
const MAX_ROWS = 10_000_000;
const DATASET_KEYS = ['workbook', 'generate', 'labelColumn', 'conditions', 'library', 'instructions'];
const GENERATE_KEYS = ['rows', 'seed', 'style'];

/** An invalid experiment config; exit code 2 like any invalid setting. `field` is the path inside the config. */
export class ExperimentConfigError extends UsageError {
  constructor(
    readonly field: string,
    detail: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${field}: ${detail}`);
    this.name = 'ExperimentConfigError';
  }
}

type Fail = (field: string, detail: string) => never;

function expectObject(value: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(value)) fail(field, `expected an object, got ${JSON.stringify(value)}.`);
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(value: Record<string, unknown>, known: string[], prefix: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${prefix}${key}`, `unknown field; expected one of ${known.join(', ')}.`);
  }
}

function expectString(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, `expected a non-empty text, got ${JSON.stringify(value)}.`);
  return value as string;
}

function expectInteger(value: unknown, field: string, min: number, max: number, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value as number;
}

function expectNumber(value: unknown, field: string, min: number, max: number, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(field, `expected a number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value as number;
}

function expectPathList(value: unknown, field: string, baseDir: string, fail: Fail): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) fail(field, `expected a list of file paths, got ${JSON.stringify(value)}.`);
  return (list as unknown[]).map((item, i) => path.resolve(baseDir, expectString(item, `${field}[${i}]`, fail)));
}

/** Validates one overrides block alone, so an error names the field inside it. Returns it with dotted names. */
function checkOverrides(value: unknown, field: string, fail: Fail): SettingsOverrides {
  if (value === undefined) return {};
  const block = expectObject(value, field, fail);
  try {
    resolveSettings(block);
  } catch (error) {
    if (error instanceof SettingError) fail(`${field}.${error.setting}`, error.message);
    throw error;
  }
  return flattenOverrides(block);
}

/** Resolves layered overrides; a conflict only visible in the combination is reported on `field`. */
function combine(layers: SettingsOverrides[], field: string, fail: Fail): Settings {
  try {
    return resolveSettings(Object.assign({}, ...layers));
  } catch (error) {
    if (error instanceof SettingError) fail(field, `combined settings are invalid: ${error.message}`);
    throw error;
  }
}

/** A sweep's sizes; its dataset must be generated, and `generate.rows` may then be left out (the sizes replace it). */
function parseSweep(value: unknown, fail: Fail): { rows: number[] } | null {
  if (value === undefined) return null;
  const sweep = expectObject(value, 'sweep', fail);
  rejectUnknownKeys(sweep, ['rows'], 'sweep.', fail);
  if (!Array.isArray(sweep.rows) || sweep.rows.length < 2) fail('sweep.rows', 'expected a list of at least two row counts, e.g. [10000, 100000].');
  const rows = (sweep.rows as unknown[]).map((n, i) => expectInteger(n, `sweep.rows[${i}]`, 1, MAX_ROWS, fail));
  if (new Set(rows).size !== rows.length) fail('sweep.rows', 'row counts must differ.');
  return { rows: rows.sort((a, b) => a - b) };
}

function parseDataset(value: unknown, baseDir: string, fail: Fail, sweep: { rows: number[] } | null): DatasetPlan {
  const dataset = expectObject(value, 'dataset', fail);
  rejectUnknownKeys(dataset, DATASET_KEYS, 'dataset.', fail);
  const hasWorkbook = dataset.workbook !== undefined;
  const hasGenerate = dataset.generate !== undefined;
  if (hasWorkbook === hasGenerate) fail('dataset', 'give exactly one of workbook (a file path) and generate ({ rows, seed, style }).');
  if (sweep && !hasGenerate) fail('dataset', 'a sweep runs on generated rows: give generate ({ seed, style }).');
  const generate = hasGenerate ? parseGenerate(dataset.generate, fail, sweep ? sweep.rows.at(-1)! : null) : null;
  const labelColumn = dataset.labelColumn === undefined ? (generate ? 'Label' : null) : expectString(dataset.labelColumn, 'dataset.labelColumn', fail);
  return {
    workbook: hasWorkbook ? path.resolve(baseDir, expectString(dataset.workbook, 'dataset.workbook', fail)) : null,
    generate,
    labelColumn,
    conditions: expectPathList(dataset.conditions, 'dataset.conditions', baseDir, fail),
    library: expectPathList(dataset.library, 'dataset.library', baseDir, fail),
    instructions: dataset.instructions === undefined ? null : path.resolve(baseDir, expectString(dataset.instructions, 'dataset.instructions', fail)),
  };
}

function parseGenerate(value: unknown, fail: Fail, sweepRows: number | null): NonNullable<DatasetPlan['generate']> {
  const generate = expectObject(value, 'dataset.generate', fail);
  rejectUnknownKeys(generate, GENERATE_KEYS, 'dataset.generate.', fail);
  const style = generate.style ?? 'seed';
  if (!(GENERATOR_STYLES as readonly unknown[]).includes(style)) fail('dataset.generate.style', `expected one of ${GENERATOR_STYLES.join(', ')}, got ${JSON.stringify(style)}.`);
  return {
    rows: sweepRows !== null && generate.rows === undefined ? sweepRows : expectInteger(generate.rows, 'dataset.generate.rows', 1, MAX_ROWS, fail),
    seed: generate.seed === undefined ? DEFAULT_GENERATOR_SEED : expectInteger(generate.seed, 'dataset.generate.seed', 0, 0xffffffff, fail),
    style: style as GeneratorStyle,
  };
}

/** Setting names holding a file or folder path; relative values in a config are relative to the config file. */
export const PATH_SETTINGS = ['embeddings.model.fast', 'embeddings.model.balanced', 'embeddings.model.accurate', 'embeddings.modelDir', 'embeddings.cacheDir'] as const;

/**
 * Resolves relative paths among path settings against `baseDir`, like the dataset's paths. Model settings are
 * paths only when they start with `.` (`./models/x`, `../fixtures/tiny-model`); hub ids (`owner/name`) and `none`
 * are kept as written.
 */
export function resolveSettingPaths(overrides: SettingsOverrides, baseDir: string): SettingsOverrides {
  const out = { ...overrides };
  for (const name of PATH_SETTINGS) {
    const value = out[name];
    if (typeof value !== 'string' || value.trim() === '' || path.isAbsolute(value) || value.startsWith('~')) continue;
    const isModel = name.startsWith('embeddings.model.');
    if (isModel && !value.startsWith('.')) continue;
    out[name] = path.resolve(baseDir, value);
  }
  return out;
}

function parseVariants(value: unknown, shared: SettingsOverrides, pinned: SettingsOverrides, fail: Fail, baseDir: string): VariantPlan[] {
  if (!Array.isArray(value) || value.length === 0) fail('variants', 'expected a non-empty list of { name, settings }.');
  const seen = new Set<string>();
  return (value as unknown[]).map((item, i) => {
    const field = `variants[${i}]`;
    const variant = expectObject(item, field, fail);
    rejectUnknownKeys(variant, ['name', 'settings', 'description', 'maxRows'], `${field}.`, fail);
    const name = expectString(variant.name, `${field}.name`, fail);
    if (!EXPERIMENT_NAME_PATTERN.test(name)) fail(`${field}.name`, `${JSON.stringify(name)} must be letters, digits, '.', '_' or '-' (it names files).`);
    if (seen.has(name)) fail(`${field}.name`, `duplicate variant name ${JSON.stringify(name)}.`);
    seen.add(name);
    const own = resolveSettingPaths(checkOverrides(variant.settings, `${field}.settings`, fail), baseDir);
    const baselineOverrides = { ...shared, ...own, policy: 'full', ...pinned };
    return {
      name,
      overrides: { ...shared, ...own },
      baselineOverrides,
      settings: combine([shared, own], field, fail),
      baselineSettings: combine([baselineOverrides], `baseline (for ${field})`, fail),
      maxRows: variant.maxRows === undefined ? null : expectInteger(variant.maxRows, `${field}.maxRows`, 1, MAX_ROWS, fail),
    };
  });
}

/**
 * Validates a parsed config. Relative paths are resolved against `baseDir` (the config file's folder, or the
 * notebook's). `source` (a file name) prefixes error messages.
 */
export interface ParseOptions {
  /**
   * Overrides applied to every variant and baseline (the CLI's `--set`): on top of the config's shared `settings`,
   * under each variant's own settings and the baseline's pinned ones. Paths are relative to the working folder.
   */
  settings?: SettingsOverrides;
  /** replaces the config's `repeats` (the CLI's `--repeats`) */
  repeats?: number;
}

export function parseExperimentConfig(value: unknown, baseDir: string, source?: string, options: ParseOptions = {}): ExperimentPlan {
  const fail: Fail = (field, detail) => {
    throw new ExperimentConfigError(field, detail, source);
  };
  const config = expectObject(value, '(config)', fail);
  rejectUnknownKeys(config, TOP_LEVEL_KEYS, '', fail);
  const name = expectString(config.name, 'name', fail);
  if (!EXPERIMENT_NAME_PATTERN.test(name)) fail('name', `${JSON.stringify(name)} must be letters, digits, '.', '_' or '-' (it names the results folder).`);
  if (config.description !== undefined && typeof config.description !== 'string') fail('description', 'expected a text.');
  const sweep = parseSweep(config.sweep, fail);
  const dataset = parseDataset(config.dataset, baseDir, fail, sweep);
  const forced = resolveSettingPaths(checkOverrides(options.settings, '--set', fail), process.cwd());
  const shared = { ...resolveSettingPaths(checkOverrides(config.settings, 'settings', fail), baseDir), ...forced };
  const baseline = config.baseline === undefined ? {} : expectObject(config.baseline, 'baseline', fail);
  rejectUnknownKeys(baseline, ['settings'], 'baseline.', fail);
  const pinned = resolveSettingPaths(checkOverrides(baseline.settings, 'baseline.settings', fail), baseDir);
  const variants = parseVariants(config.variants, shared, pinned, fail, baseDir);
  const configRepeats = config.repeats === undefined ? DEFAULT_REPEATS : expectInteger(config.repeats, 'repeats', 1, 1000, fail);
  const repeats = options.repeats === undefined ? configRepeats : expectInteger(options.repeats, '--repeats', 1, 1000, fail);
  const precision = config.precision === undefined ? null : expectNumber(config.precision, 'precision', 0.001, 0.5, fail);
  const maxRepeats = config.maxRepeats === undefined ? Math.max(repeats, DEFAULT_MAX_REPEATS) : expectInteger(config.maxRepeats, 'maxRepeats', repeats, 1000, fail);
  if (config.warmup !== undefined && typeof config.warmup !== 'boolean') fail('warmup', `expected true or false, got ${JSON.stringify(config.warmup)}.`);
  return {
    name,
    description: (config.description as string | undefined) ?? '',
    configFile: source ? path.resolve(source) : null,
    dataset,
    variants,
    repeats,
    precision,
    maxRepeats,
    warmup: (config.warmup as boolean | undefined) ?? true,
    sweep,
  };
}

/** Reads and validates a `*.experiment.json` file. */
export async function loadExperimentConfig(file: string, options: ParseOptions = {}): Promise<ExperimentPlan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read experiment config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, file);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExperimentConfigError('(config)', `not valid JSON: ${(error as Error).message}`, file);
  }
  return parseExperimentConfig(value, path.dirname(path.resolve(file)), file, options);
}

/** Config files named on the command line: files as given, folders searched (not recursively) for `*.experiment.json`. */
export async function findExperimentConfigs(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => {
      throw new InputError(`No such experiment config or folder: ${p}.`, p);
    });
    if (!stat.isDirectory()) {
      found.push(p);
      continue;
    }
    const names = (await fs.readdir(p)).filter((n) => n.endsWith('.experiment.json')).sort();
    if (names.length === 0) throw new InputError(`No *.experiment.json files in ${p}.`, p);
    found.push(...names.map((n) => path.join(p, n)));
  }
  return found;
}
