import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentConfigError, findExperimentConfigs, loadExperimentConfig, parseExperimentConfig } from '../../engine/experiment/config.ts';
import { experimentJsonSchemaText } from '../../engine/experiment/schema.ts';
import { EXPERIMENT_SCHEMA_FILE } from '../../engine/experiment/write-schema.ts';

const base = {
  name: 'seed-vs-lossless',
  dataset: { generate: { rows: 100, seed: 7 } },
  settings: { mode: 'balanced' },
  variants: [
    { name: 'seed', settings: { policy: 'seed' } },
    { name: 'lossless', settings: { policy: 'lossless', clusterAccuracy: 85 } },
  ],
};

const errorOf = (value: unknown): ExperimentConfigError => {
  try {
    parseExperimentConfig(value, '/data');
  } catch (error) {
    expect(error).toBeInstanceOf(ExperimentConfigError);
    return error as ExperimentConfigError;
  }
  throw new Error('expected the config to be rejected');
};

describe('parseExperimentConfig', () => {
  it('fills defaults and layers settings: baseline = full with the variant\'s settings', () => {
    const plan = parseExperimentConfig(base, '/data');
    expect(plan).toMatchObject({ name: 'seed-vs-lossless', repeats: 3, warmup: true, configFile: null });
    expect(plan.dataset).toEqual({
      workbook: null,
      generate: { rows: 100, seed: 7, style: 'seed' },
      labelColumn: 'Label',
      conditions: [],
      library: [],
      instructions: null,
    });
    const [seed, lossless] = plan.variants;
    expect(seed!.settings.policy).toBe('seed');
    expect(seed!.baselineSettings.policy).toBe('full');
    expect(lossless!.settings.clusterAccuracy).toBe(85);
    expect(lossless!.baselineSettings).toMatchObject({ policy: 'full', clusterAccuracy: 85, mode: 'balanced' });
    expect(lossless!.overrides).toEqual({ mode: 'balanced', policy: 'lossless', clusterAccuracy: 85 });
  });

  it('pins baseline settings for every variant and accepts nested and dotted names', () => {
    const plan = parseExperimentConfig(
      {
        ...base,
        settings: { seed: { exitLow: 0.4 }, 'weights.fast.fuzzy': 0.7 },
        baseline: { settings: { leaderSearch: 'exhaustive' } },
        variants: [{ name: 'window', settings: { leaderSearch: 'window', windowSize: 50 } }],
      },
      '/data',
    );
    const v = plan.variants[0]!;
    expect(v.settings).toMatchObject({ leaderSearch: 'window', windowSize: 50 });
    expect(v.settings.seed.exitLow).toBe(0.4);
    expect(v.baselineSettings).toMatchObject({ leaderSearch: 'exhaustive', policy: 'full', windowSize: 50 });
    expect(v.baselineSettings.weights.fast.fuzzy).toBe(0.7);
  });

  it('resolves paths against the config folder', () => {
    const plan = parseExperimentConfig(
      { ...base, dataset: { workbook: 'wb/policies.xlsx', conditions: ['c.pdf'], library: 'lib.xlsx', instructions: '../i.csv' } },
      '/data/experiments',
    );
    expect(plan.dataset).toMatchObject({
      workbook: '/data/experiments/wb/policies.xlsx',
      conditions: ['/data/experiments/c.pdf'],
      library: ['/data/experiments/lib.xlsx'],
      instructions: '/data/i.csv',
      labelColumn: null,
    });
  });

  it('names the field path of an invalid setting', () => {
    const bad = { ...base, variants: [base.variants[0], { name: 'x', settings: { clusterAccuracy: 70 } }] };
    const error = errorOf(bad);
    expect(error.field).toBe('variants[1].settings.clusterAccuracy');
    expect(error.message).toMatch(/^variants\[1\]\.settings\.clusterAccuracy: Invalid setting clusterAccuracy: 70; expected an integer from 80 to 100/);
    expect(error.exitCode).toBe(2);
  });

  it('names nested, unknown and shared setting fields', () => {
    expect(errorOf({ ...base, settings: { seed: { exitLow: 2 } } }).field).toBe('settings.seed.exitLow');
    expect(errorOf({ ...base, baseline: { settings: { policee: 'full' } } }).message).toMatch(/^baseline\.settings\.policee: Unknown setting policee/);
    expect(errorOf({ ...base, variants: [{ name: 'a', settings: { mode: 'turbo' } }] }).field).toBe('variants[0].settings.mode');
  });

  it('reports conflicts that only appear when layers combine', () => {
    const error = errorOf({ ...base, settings: { 'seed.exitLow': 0.8 }, variants: [{ name: 'a', settings: { 'seed.exitHigh': 0.6 } }] });
    expect(error.field).toBe('variants[0]');
    expect(error.message).toMatch(/seed\.exitLow/);
  });

  it('rejects structural mistakes with their field', () => {
    expect(errorOf({ ...base, name: 'bad name' }).field).toBe('name');
    expect(errorOf({ ...base, variantz: [] }).field).toBe('variantz');
    expect(errorOf({ ...base, variants: [] }).field).toBe('variants');
    expect(errorOf({ ...base, variants: [{ name: 'a' }, { name: 'a' }] }).field).toBe('variants[1].name');
    expect(errorOf({ ...base, repeats: 0 }).field).toBe('repeats');
    expect(errorOf({ ...base, warmup: 'yes' }).field).toBe('warmup');
    expect(errorOf({ ...base, dataset: {} }).field).toBe('dataset');
    expect(errorOf({ ...base, dataset: { workbook: 'a.xlsx', generate: { rows: 1 } } }).field).toBe('dataset');
    expect(errorOf({ ...base, dataset: { generate: { rows: 0 } } }).field).toBe('dataset.generate.rows');
    expect(errorOf({ ...base, dataset: { generate: { rows: 5, style: 'odd' } } }).field).toBe('dataset.generate.style');
    expect(errorOf({ ...base, dataset: { workbook: 'a.xlsx', conditions: [3] } }).field).toBe('dataset.conditions[0]');
    expect(errorOf([1]).field).toBe('(config)');
  });

  it('loads a file, prefixing errors with its name, and finds configs in folders', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-config-'));
    const good = path.join(dir, 'a.experiment.json');
    const bad = path.join(dir, 'b.experiment.json');
    await fs.writeFile(good, JSON.stringify({ ...base, dataset: { workbook: 'p.xlsx' } }));
    await fs.writeFile(bad, JSON.stringify({ ...base, repeats: -1 }));
    await fs.writeFile(path.join(dir, 'notes.json'), '{}');
    const plan = await loadExperimentConfig(good);
    expect(plan.configFile).toBe(good);
    expect(plan.dataset.workbook).toBe(path.join(dir, 'p.xlsx'));
    await expect(loadExperimentConfig(bad)).rejects.toThrow(`${bad}: repeats: expected an integer`);
    expect(await findExperimentConfigs([dir])).toEqual([good, bad]);
    await fs.writeFile(bad, '{ nope');
    await expect(loadExperimentConfig(bad)).rejects.toThrow(/\(config\): not valid JSON/);
    await fs.rm(dir, { recursive: true });
  });
});

describe('experiment JSON schema', () => {
  it('the committed schema equals the generated one (run: npx tsx engine/experiment/write-schema.ts)', async () => {
    expect(await fs.readFile(EXPERIMENT_SCHEMA_FILE, 'utf8')).toBe(experimentJsonSchemaText());
  });

  it('offers every setting by dotted name and nested', () => {
    const schema = JSON.parse(experimentJsonSchemaText());
    const settings = schema.definitions.settings.properties;
    expect(settings['seed.exitLow']).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(settings.seed.properties.skipEmbeddingsAt.properties.balanced).toMatchObject({ type: 'number' });
    expect(settings.clusterAccuracy).toMatchObject({ type: 'integer', minimum: 80, maximum: 100 });
    expect(schema.properties.variants.items.properties.settings).toEqual({ $ref: '#/definitions/settings' });
  });
});
