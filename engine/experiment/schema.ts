/**
 * JSON Schema (draft-07) of experiment configs, derived from the settings schema so editors complete every
 * setting by its dotted name (`"seed.exitLow"`) or nested (`"seed": { "exitLow": … }`). The committed copy is
 * `experiments/schema/experiment.schema.json`; `write-schema.ts` regenerates it.
 */
import { SETTING_SPECS, jsonSchemaOf, settingsJsonSchema } from '../config/settings.ts';
import { GENERATOR_STYLES } from '../generate/types.ts';
import { DEFAULT_GENERATOR_SEED, DEFAULT_REPEATS, EXPERIMENT_NAME_PATTERN } from './config.ts';

type Schema = Record<string, unknown>;

/** Nested object schemas for the dotted setting names (`seed`, `weights`, `embeddings`, …). */
function nestedSettingsProperties(): Schema {
  const root: Schema = {};
  for (const [name, spec] of Object.entries(SETTING_SPECS)) {
    const parts = name.split('.');
    if (parts.length === 1) continue;
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= { type: 'object', additionalProperties: false, properties: {} };
      node = (node[part] as { properties: Schema }).properties;
    }
    node[parts[parts.length - 1]!] = jsonSchemaOf(spec);
  }
  return root;
}

function settingsOverridesSchema(): Schema {
  const flat = settingsJsonSchema() as { properties: Schema };
  return {
    type: 'object',
    description: 'Settings overrides (SPEC §3), by dotted name or nested; anything not given keeps its default.',
    additionalProperties: false,
    properties: { ...flat.properties, ...nestedSettingsProperties() },
  };
}

const pathList = (description: string): Schema => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', minLength: 1 } }],
});

function datasetSchema(): Schema {
  return {
    type: 'object',
    description: 'The policy workbook to analyse: a file, or rows made by the synthetic generator (SPEC §13.1). Paths are relative to the config file.',
    additionalProperties: false,
    properties: {
      workbook: { type: 'string', minLength: 1, description: 'Policy workbook (.xlsx or .csv).' },
      generate: {
        type: 'object',
        additionalProperties: false,
        properties: {
          rows: { type: 'integer', minimum: 1, description: 'Number of generated rows (required unless the config has a sweep, whose sizes replace it).' },
          seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: DEFAULT_GENERATOR_SEED, description: 'Generator seed.' },
          style: { enum: [...GENERATOR_STYLES], default: 'seed', description: 'seed: the generator of SPEC §13.1; realistic: Dutch clause families with noise; noisy: the same with heavy noise and hard negatives; heldout: other families and noise, never tuned on.' },
        },
      },
      labelColumn: { type: 'string', minLength: 1, description: 'Column holding the intended cluster of each row (default Label for generated data).' },
      conditions: pathList('Conditions documents.'),
      library: pathList('Clause library files.'),
      instructions: { type: 'string', minLength: 1, description: 'Custom instructions file.' },
    },
    oneOf: [{ required: ['workbook'] }, { required: ['generate'] }],
  };
}

export function experimentJsonSchema(): Schema {
  const name = { type: 'string', pattern: EXPERIMENT_NAME_PATTERN.source };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Clause Cascade experiment',
    description: 'An experiment: a dataset, a baseline (default: the full policy with each variant\'s settings) and named variants, each run repeats times (SPEC §13.3).',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'dataset', 'variants'],
    definitions: { settings: settingsOverridesSchema() },
    properties: {
      $schema: { type: 'string' },
      name: { ...name, description: 'Experiment name; names the results folder.' },
      description: { type: 'string' },
      dataset: datasetSchema(),
      settings: { $ref: '#/definitions/settings', description: 'Overrides shared by every variant and baseline.' },
      baseline: {
        type: 'object',
        additionalProperties: false,
        properties: { settings: { $ref: '#/definitions/settings', description: 'Overrides pinned for every baseline run, on top of policy full.' } },
      },
      variants: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { ...name, description: 'Variant name (unique).' },
            description: { type: 'string' },
            settings: { $ref: '#/definitions/settings' },
            maxRows: { type: 'integer', minimum: 1, description: 'In a sweep: the largest size this variant runs at.' },
          },
        },
      },
      repeats: { type: 'integer', minimum: 1, maximum: 1000, default: DEFAULT_REPEATS, description: 'Measured runs of each variant and its baseline.' },
      precision: {
        type: 'number',
        minimum: 0.001,
        maximum: 0.5,
        description: 'Repeat past `repeats` until the 95% confidence interval of each speedup is within ± this share of it (0.05: ±5%), or maxRepeats is reached (the result says which).',
      },
      maxRepeats: { type: 'integer', minimum: 1, maximum: 1000, default: 30, description: 'The cap on repeats when a precision is asked for.' },
      warmup: { type: 'boolean', default: true, description: 'Run each pair once unmeasured first.' },
      sweep: {
        type: 'object',
        additionalProperties: false,
        required: ['rows'],
        description: 'A scaling sweep: each variant runs as a whole `clause-cascade analyze` process on generated workbooks of these sizes (wall, CPU, peak RSS, rows/s, pairwise F1 against the labels), with a log-log chart and fitted exponents; no baseline runs. dataset.generate.rows may then be left out.',
        properties: { rows: { type: 'array', minItems: 2, items: { type: 'integer', minimum: 1 }, description: 'Generated rows per size.' } },
      },
    },
  };
}

/** The schema file's exact text. */
export function experimentJsonSchemaText(): string {
  return `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`;
}
