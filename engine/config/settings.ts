/**
 * The one typed, validated settings object (SPEC §3). Every setting's name, type, default and meaning is written
 * exactly once, in SETTING_SPECS; the CLI, the VS Code settings, experiment configs, the JSON schema and the report
 * are all derived from it.
 */

export const SIGNAL_IDS = ['fuzzy', 'stemmed', 'tfidf', 'synonyms', 'embeddings'] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];
export const MODES = ['fast', 'balanced', 'accurate'] as const;
export type Mode = (typeof MODES)[number];
export const POLICIES = ['full', 'seed', 'lossless'] as const;
export type Policy = (typeof POLICIES)[number];
export const LEADER_SEARCHES = ['index', 'window', 'exhaustive'] as const;
export type LeaderSearchKind = (typeof LEADER_SEARCHES)[number];

export const GROUPING_ORDERS = ['frequency', 'length'] as const;
export type GroupingOrder = (typeof GROUPING_ORDERS)[number];

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';

export type SignalWeights = Record<SignalId, number>;

interface BaseSpec {
  description: string;
}
export type SettingSpec = BaseSpec &
  (
    | { kind: 'integer'; min: number; max?: number; default: number }
    | { kind: 'number'; min: number; max?: number; default: number }
    | { kind: 'enum'; values: readonly string[]; default: string }
    | { kind: 'boolean'; default: boolean }
    | { kind: 'string'; default: string; pattern?: RegExp; patternHint?: string }
    | { kind: 'signalList'; default: SignalId[] }
  );

const integer = <Max extends number | undefined>(min: number, max: Max, def: number, description: string) => ({ kind: 'integer', min, max, default: def, description }) as const;
const fraction = (def: number, description: string) => ({ kind: 'number', min: 0, max: 1, default: def, description }) as const;
const boolean = (def: boolean, description: string) => ({ kind: 'boolean', default: def, description }) as const;
const text = (def: string, description: string) => ({ kind: 'string', default: def, description }) as const;
const choice = <V extends string>(values: readonly V[], def: V, description: string) => ({ kind: 'enum', values, default: def, description }) as const;

const MODE_WEIGHTS: Record<Mode, SignalWeights> = {
  fast: { fuzzy: 0.6, stemmed: 0.4, tfidf: 0, synonyms: 0, embeddings: 0 },
  balanced: { fuzzy: 0.3, stemmed: 0.25, tfidf: 0.15, synonyms: 0.15, embeddings: 0.15 },
  accurate: { fuzzy: 0.2, stemmed: 0.2, tfidf: 0.15, synonyms: 0.15, embeddings: 0.3 },
};

type WeightName = `weights.${Mode}.${SignalId}`;
/** Every signal's weight in every mode is a setting; zero switches the signal off in that mode. */
const WEIGHT_SPECS = Object.fromEntries(
  MODES.flatMap((mode) =>
    SIGNAL_IDS.map((signal) => [
      `weights.${mode}.${signal}`,
      {
        kind: 'number',
        min: 0,
        default: MODE_WEIGHTS[mode][signal],
        description: `Weight of the ${signal} signal in ${mode} mode (0: off); weights are renormalised to sum 1 over the available signals.`,
      } as const,
    ]),
  ),
) as Record<WeightName, { kind: 'number'; min: number; default: number; description: string }>;

/**
 * Flat, dotted names (`seed.exitLow`) exactly as the extension exposes them under `clauseCascade.`. The `Settings`
 * type is derived from this table, so a setting is declared here and nowhere else.
 */
export const SETTING_SPECS = {
  clusterAccuracy: integer(80, 100, 90, 'Cluster accuracy in percent; the cluster threshold is t = clusterAccuracy / 100.'),
  mode: choice(MODES, 'balanced', 'Analysis mode: which signals are enabled and their weights (fast: fuzzy + stemmed; balanced and accurate add TF-IDF, synonyms and embeddings).'),
  policy: choice(POLICIES, 'lossless', 'Scoring policy: full evaluates every signal (the baseline), lossless stops early with identical decisions, seed uses the lossy v1.1 early exits.'),
  leaderSearch: choice(LEADER_SEARCHES, 'index', 'How candidate leaders are found: index (q-gram index, same clusters as exhaustive), window (legacy: the last windowSize leaders) or exhaustive (every leader).'),
  windowSize: integer(10, 1000, 100, 'Number of most recent leaders compared when leaderSearch is window.'),
  minFrequency: integer(1, 1000, 20, 'Clusters with at least this many rows are advised to be standardised.'),
  minTextLength: integer(1, undefined, 5, 'Simplified texts shorter than this are not clustered (cluster id NVT).'),
  maxTextLength: integer(1, undefined, 800, 'Texts longer than this are flagged for manual review.'),
  lengthTolerance: fraction(0.2, 'Relative length difference above which a leader is skipped.'),
  normalisedGate: fraction(0.5, 'Minimum stage-1 score (simplified texts) before the clustering texts are compared.'),
  'grouping.stripBoilerplate': boolean(true, 'Ignore labels, bullets and numbering in front of a clause (Clausule:, Let op:, NB:, *, -, 1.) when grouping.'),
  'grouping.correctSpelling': boolean(true, 'Read a rare word one typing error away from a much more frequent word of the workbook as that word in the clustering text.'),
  'grouping.order': choice(GROUPING_ORDERS, 'frequency', 'Order in which rows meet the leaders: frequency (the most frequent clustering text first, so the common form of a clause leads its group) or length (longest first, the legacy order).'),
  'grouping.polarityGuard': boolean(true, 'Never group two clauses whose negations differ (niet, geen, zonder, exclusief, uitgesloten, wel, inclusief, …).'),
  'grouping.consolidate': boolean(true, 'After the leader pass, merge each cluster into a larger one whose leader its own leader would join.'),
  'seed.exitLow': fraction(0.5, 'Seed policy: reject right after fuzzy when fuzzy is below this.'),
  'seed.exitHigh': fraction(0.92, 'Seed policy: accept right after fuzzy when fuzzy reaches this.'),
  'seed.partialAccept': fraction(0.9, 'Seed policy: accept after fuzzy + stemmed when their weighted mean reaches this.'),
  'seed.partialReject': fraction(0.7, 'Seed policy: reject after fuzzy + stemmed when the best possible score is below this.'),
  'seed.skipEmbeddingsAt.balanced': fraction(0.8, 'Seed policy, balanced mode: skip embeddings when fuzzy reaches this.'),
  'seed.skipEmbeddingsAt.accurate': fraction(0.9, 'Seed policy, accurate mode: skip embeddings when fuzzy reaches this.'),
  ...WEIGHT_SPECS,
  fastFloor: boolean(true, "Balanced and accurate mode never score a pair below its score under fast mode's weights, so their added signals can find more matches but never lose one that fuzzy and stemmed find."),
  signalOrder: { kind: 'signalList', default: [...SIGNAL_IDS] as SignalId[], description: 'Signals by cost rank, cheapest first; the cascade evaluates them in this order.' },
  'prescreen.minFuzzy': fraction(0.35, 'Reference matching: minimum fuzzy score for a library entry or conditions section to stay a candidate.'),
  'prescreen.topK': integer(1, undefined, 10, 'Reference matching: number of candidates kept after the pre-screen.'),
  'embeddings.model.fast': text('none', 'Sentence-embedding model in fast mode (model id, local folder, or none).'),
  'embeddings.model.balanced': text(DEFAULT_EMBEDDING_MODEL, 'Sentence-embedding model in balanced mode (model id, local folder, or none).'),
  'embeddings.model.accurate': text(DEFAULT_EMBEDDING_MODEL, 'Sentence-embedding model in accurate mode (model id, local folder, or none); a larger multilingual model may be named here.'),
  'embeddings.modelDir': text('', 'Folder where local models are looked up (empty: the per-user cache folder).'),
  'embeddings.allowRemote': boolean(false, 'Allow downloading a missing model from the model hub (off: offline, the normal case).'),
  'embeddings.quantized': boolean(false, 'Load the quantised (q8) model variant instead of fp32.'),
  'embeddings.batchSize': integer(1, 1024, 32, 'Texts per inference batch.'),
  'embeddings.maxTokens': integer(8, 4096, 128, 'Token truncation length for embedding inputs.'),
  'embeddings.diskCache': boolean(true, 'Keep embedding vectors on disk between runs.'),
  'embeddings.cacheDir': text('', 'Folder of the on-disk vector cache (empty: the per-user cache folder).'),
  clusterNames: choice(['rules', 'keyTerms'] as const, 'rules', 'Source of cluster names: rules (code + theme) or keyTerms (top TF-IDF terms).'),
  singletonLabel: boolean(false, 'Show "Unieke teksten - {Advies} ({Vertrouwen})" as the name of one-row clusters.'),
  'input.sheet': text('', 'Worksheet to read: a sheet name or 1-based index (empty: the first worksheet).'),
  'input.textColumn': text('', 'Header of the clause text column (empty: detected automatically).'),
  'input.policyColumn': text('', 'Header of the policy-number column, or none (empty: detected automatically).'),
  referenceDate: { kind: 'string', default: '', pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: 'YYYY-MM-DD', description: '"Now" for the expired-date check, YYYY-MM-DD (empty: today, local time).' },
  partitions: integer(1, 64, 1, 'Blocks the rows are split into for clustering (1: not split). Near-identical clauses share a block (MinHash/LSH over character q-grams); blocks are clustered in parallel, then clusters whose leaders pass the acceptance rule are merged across blocks. Above 1 the result is not guaranteed identical to the unsplit run.'),
  devMode: boolean(false, 'Developer mode: log every early exit of the cascade.'),
  threads: integer(0, 64, 1, 'Threads for normalisation, the per-text advice checks and the blocks of a partitioned run (1: all in the main thread; 0: one per available core, os.availableParallelism()). Results are identical for every count; more threads did not pay on 2 cores (docs/scaling.md).'),
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTING_SPECS;

/** The spec of a dotted setting name, or undefined for a name that is no setting. */
export function settingSpec(name: string): SettingSpec | undefined {
  return Object.hasOwn(SETTING_SPECS, name) ? (SETTING_SPECS as Record<string, SettingSpec>)[name] : undefined;
}

/** The value type a spec describes. */
type ValueOf<S> = S extends { kind: 'integer' | 'number' }
  ? number
  : S extends { kind: 'boolean' }
    ? boolean
    : S extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : S extends { kind: 'signalList' }
        ? SignalId[]
        : string;

/** `a.b.c` → `{ a: { b: { c: V } } }`. */
type Nest<K extends string, V> = K extends `${infer Head}.${infer Rest}` ? { [P in Head]: Nest<Rest, V> } : { [P in K]: V };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Flattens intersections into one object type, so editors show `Settings` as a plain nested shape. */
type Plain<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;

/** The nested settings object, one property per dotted name of SETTING_SPECS. */
export type Settings = Plain<UnionToIntersection<{ [K in SettingName]: Nest<K, ValueOf<(typeof SETTING_SPECS)[K]>> }[SettingName]>>;

export class SettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

function describeRange(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const what = spec.kind === 'integer' ? 'an integer' : 'a number';
      return spec.max === undefined ? `${what} ≥ ${spec.min}` : `${what} from ${spec.min} to ${spec.max}`;
    }
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return spec.patternHint ? `a text of the form ${spec.patternHint}` : 'a text';
    case 'signalList':
      return `a list of distinct signal ids from ${SIGNAL_IDS.join(', ')}`;
  }
}

/** Accepts strings too, because CLI flags and experiment tables arrive as text. */
function coerce(name: string, spec: SettingSpec, value: unknown): unknown {
  const fail = (): never => {
    throw new SettingError(name, `Invalid setting ${name}: ${JSON.stringify(value)}; expected ${describeRange(spec)}.`);
  };
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) fail();
      const num = n as number;
      if (spec.kind === 'integer' && !Number.isInteger(num)) fail();
      if (num < spec.min || (spec.max !== undefined && num > spec.max)) fail();
      return num;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) fail();
      return value;
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return fail();
    case 'string':
      if (typeof value !== 'string' && typeof value !== 'number') fail();
      if (spec.pattern && String(value) !== '' && !spec.pattern.test(String(value))) fail();
      return String(value);
    case 'signalList': {
      const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
      if (!Array.isArray(list) || list.length === 0) fail();
      const ids = list as unknown[];
      if (!ids.every((s) => (SIGNAL_IDS as readonly unknown[]).includes(s)) || new Set(ids).size !== ids.length) fail();
      return [...ids];
    }
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function getPath(source: unknown, dotted: string): unknown {
  let node = source;
  for (const part of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Flattens nested overrides (`{seed: {exitLow: 0.4}}`) into dotted names, leaving dotted keys as they are. */
export function flattenOverrides(overrides: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(name in SETTING_SPECS)) {
      Object.assign(flat, flattenOverrides(value as Record<string, unknown>, `${name}.`));
    } else {
      flat[name] = value;
    }
  }
  return flat;
}

export function defaultSettings(): Settings {
  return resolveSettings({});
}

/**
 * Validates overrides (nested or dotted names) on top of the defaults. Unknown names and out-of-range values are
 * rejected with a message naming the setting, the value and the allowed range.
 */
export function resolveSettings(overrides: Record<string, unknown> = {}): Settings {
  const flat = flattenOverrides(overrides);
  for (const name of Object.keys(flat)) {
    if (!(name in SETTING_SPECS)) {
      throw new SettingError(name, `Unknown setting ${name}. Known settings: ${Object.keys(SETTING_SPECS).join(', ')}.`);
    }
  }
  const nested: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries<SettingSpec>(SETTING_SPECS)) {
    const raw = flat[name];
    const value = raw === undefined || raw === null ? spec.default : coerce(name, spec, raw);
    setPath(nested, name, Array.isArray(value) ? [...value] : value);
  }
  const settings = nested as unknown as Settings;
  if (settings.seed.exitLow > settings.seed.exitHigh) {
    throw new SettingError('seed.exitLow', `Invalid setting seed.exitLow: ${settings.seed.exitLow} is above seed.exitHigh (${settings.seed.exitHigh}).`);
  }
  const missing = SIGNAL_IDS.filter((s) => !settings.signalOrder.includes(s));
  settings.signalOrder.push(...missing);
  if (settings.referenceDate === '') settings.referenceDate = todayLocal();
  else assertRealDate(settings.referenceDate);
  return settings;
}

function todayLocal(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function assertRealDate(iso: string): void {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new SettingError('referenceDate', `Invalid setting referenceDate: ${JSON.stringify(iso)} is not a calendar date.`);
  }
}

/** The settings as dotted name → value, for reports and the VS Code settings round trip. */
export function settingsToFlat(settings: Settings): Record<string, unknown> {
  return Object.fromEntries(Object.keys(SETTING_SPECS).map((name) => [name, getPath(settings, name)]));
}

/** Cluster threshold t and the derived stage-2 threshold (SPEC §3). */
export function clusterThreshold(settings: Settings): number {
  return settings.clusterAccuracy / 100;
}
export function normalisedThreshold(settings: Settings): number {
  return Math.max(0.8, clusterThreshold(settings) - 0.05);
}

/** Signals enabled in a mode: positive weight, and for embeddings a model other than `none`. */
export function enabledSignals(settings: Settings): SignalId[] {
  const weights = settings.weights[settings.mode];
  return settings.signalOrder.filter(
    (s) => weights[s] > 0 && (s !== 'embeddings' || settings.embeddings.model[settings.mode] !== 'none'),
  );
}

/** JSON Schema (draft-07) of the dotted settings, for experiment configs and editor completion. */
export function settingsJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(SETTING_SPECS)) {
    properties[name] = jsonSchemaOf(spec);
  }
  return { type: 'object', additionalProperties: false, properties };
}

export function jsonSchemaOf(spec: SettingSpec): Record<string, unknown> {
  const base = { description: spec.description, default: spec.default };
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return { ...base, type: spec.kind, minimum: spec.min, ...(spec.max === undefined ? {} : { maximum: spec.max }) };
    case 'enum':
      return { ...base, type: 'string', enum: [...spec.values] };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'string':
      return { ...base, type: 'string', ...(spec.pattern ? { pattern: `^$|${spec.pattern.source}` } : {}) };
    case 'signalList':
      return { ...base, type: 'array', items: { enum: [...SIGNAL_IDS] }, uniqueItems: true };
  }
}
