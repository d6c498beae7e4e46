/**
 * The experiment machinery for `clause-cascade bench` (SPEC §13.2): a policy against the `full` baseline is an
 * experiment with one variant. `runPolicyPair` builds that plan from already-resolved settings and runs it in memory
 * with the harness (process warm-up, alternating repeats, shared cold-forked models, differences, labels).
 */
import { settingsToFlat, type Settings } from '../config/settings.ts';
import type { Logger } from '../util/log.ts';
import { parseExperimentConfig, type ExperimentPlan, type GeneratorStyle } from './config.ts';
import type { ExperimentResults, VariantResult } from './results.ts';
import { runExperiment, type HarnessProgress } from './run.ts';

export interface PolicyPairOptions {
  /** settings of the measured policy; the baseline is the same with policy `full` */
  settings: Settings;
  /** a workbook, or generator parameters */
  dataset: { workbook: string; labelColumn?: string | null } | { generate: { rows: number; seed: number; style: GeneratorStyle } };
  repeats: number;
  /** where generated datasets are cached (`<root>/.datasets/`); default experiments/results under the cwd */
  resultsRoot?: string;
  signal?: AbortSignal;
  logger?: Logger;
  onProgress?: (event: HarnessProgress) => void;
}

export function policyPairPlan(options: PolicyPairOptions): ExperimentPlan {
  const flat = settingsToFlat(options.settings) as Record<string, unknown>;
  const { policy, ...shared } = flat;
  const dataset =
    'workbook' in options.dataset
      ? { workbook: options.dataset.workbook, ...(options.dataset.labelColumn ? { labelColumn: options.dataset.labelColumn } : {}) }
      : { generate: options.dataset.generate };
  return parseExperimentConfig(
    { name: 'bench', dataset, settings: shared, variants: [{ name: String(policy), settings: { policy } }], repeats: options.repeats },
    process.cwd(),
  );
}

/** Runs the pair in memory; `variant` is the policy's result against the full baseline. */
export async function runPolicyPair(options: PolicyPairOptions): Promise<{ results: ExperimentResults; variant: VariantResult }> {
  const { results } = await runExperiment(policyPairPlan(options), {
    write: false,
    ...(options.resultsRoot ? { resultsRoot: options.resultsRoot } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { results, variant: results.variants[0]! };
}
