import os from 'node:os';
import path from 'node:path';
import { it, expect } from 'vitest';
import { runPolicyPair } from '../../engine/experiment/bench.ts';
import { resolveSettings } from '../../engine/config/settings.ts';
it('pair', async () => {
  const { variant } = await runPolicyPair({ settings: resolveSettings({ policy: 'lossless', 'embeddings.model.balanced': 'none' }), dataset: { generate: { rows: 100, seed: 42, style: 'seed' } }, repeats: 1, resultsRoot: path.join(os.tmpdir(), 'policy-pair-test') });
  expect(variant.differences.rowsClusterDiffers).toBe(0);
  expect(variant.settings.policy).toBe('lossless');
  expect(variant.baselineSettings.policy).toBe('full');
});
