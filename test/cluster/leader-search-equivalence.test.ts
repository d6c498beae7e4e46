/**
 * SPEC §8.3 and §7.4 as properties: `index` search yields exactly the clusters of `exhaustive` (every leader), and
 * `lossless` exactly the clusters of `full`, on generated workbooks of every style with random seeds, sizes, cluster
 * accuracies and grouping levers (walking order, consolidation, polarity guard, fast floor).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import { runAnalysis } from '../../engine/pipeline/analyze.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function clusterIds(file: string, overrides: Record<string, unknown>): Promise<string[]> {
  const settings = resolveSettings({ referenceDate: '2026-01-01', 'embeddings.model.balanced': 'none', ...overrides });
  const result = await runAnalysis({ policyFile: file, settings });
  return result.rows.map((r) => r.clusterId);
}

describe('leader search and scoring policies', () => {
  it('index equals exhaustive and lossless equals full (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 40, max: 250 }),
        fc.constantFrom('seed' as const, 'realistic' as const, 'noisy' as const, 'heldout' as const),
        fc.constantFrom('fast', 'balanced'),
        fc.integer({ min: 80, max: 100 }),
        fc.record({
          'grouping.order': fc.constantFrom('frequency', 'length'),
          'grouping.consolidate': fc.boolean(),
          'grouping.polarityGuard': fc.boolean(),
          fastFloor: fc.boolean(),
        }),
        async (seed, rows, style, mode, clusterAccuracy, levers) => {
          const file = path.join(dir, `g${n++}.csv`);
          await writeGeneratedWorkbook(generateRows({ rows, seed, style }), file);
          const common = { mode, clusterAccuracy, ...levers };
          const oracle = await clusterIds(file, { ...common, policy: 'full', leaderSearch: 'exhaustive' });
          for (const policy of ['full', 'lossless']) {
            expect(await clusterIds(file, { ...common, policy, leaderSearch: 'index' })).toEqual(oracle);
          }
          expect(await clusterIds(file, { ...common, policy: 'lossless', leaderSearch: 'exhaustive' })).toEqual(oracle);
          // Seed is lossy against full, but its index search must still equal its exhaustive search.
          expect(await clusterIds(file, { ...common, policy: 'seed', leaderSearch: 'index' })).toEqual(
            await clusterIds(file, { ...common, policy: 'seed', leaderSearch: 'exhaustive' }),
          );
        },
      ),
      { numRuns: 30 },
    );
  }, 240_000);
});
