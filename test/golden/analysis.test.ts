// Behaviour lock for refactors: the clusters, the advice and the cascade's work on the sample (with every reference
// input) and on a generated held-out workbook, reduced to digests and held in a snapshot. A change that is meant to
// change results updates the snapshot (`npx vitest run test/golden -u`) and says why in docs/decisions.md.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../engine/index.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import { HELD_OUT_SEED } from '../../engine/generate/heldout.ts';
import { run } from '../advise-e2e/helpers.ts';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

function fingerprint(result: AnalysisResult) {
  return {
    rows: result.rows.length,
    clusters: result.clusters.length,
    partition: digest(result.clusters.map((c) => [...c.rows].sort((a, b) => a - b))),
    advice: digest(result.rows.map((r) => [r.clusterId, r.advice.label, r.advice.confidence, r.advice.reason, r.advice.article])),
    names: digest(result.clusters.map((c) => c.name)),
    signalEvaluations: result.counters.signalEvaluations,
  };
}

let dir: string;
let heldOut: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cc-golden-'));
  heldOut = path.join(dir, 'heldout.csv');
  await writeGeneratedWorkbook(generateRows({ rows: 800, seed: HELD_OUT_SEED, style: 'heldout' }), heldOut);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('results stay the same unless meant to change', () => {
  for (const mode of ['fast', 'balanced'] as const) {
    it(`sample workbook, ${mode}, lossless, with conditions, library and instructions`, async () => {
      expect(fingerprint((await run({ mode })).result)).toMatchSnapshot();
    }, 60_000);
    it(`generated held-out workbook (800 rows), ${mode}, lossless`, async () => {
      expect(fingerprint((await run({ file: heldOut, mode, conditions: false, library: false, instructions: false })).result)).toMatchSnapshot();
    }, 60_000);
  }
});
