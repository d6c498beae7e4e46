/**
 * `clauseCascade.threads` in the extension: the packaged .vsix carries the engine's thread-worker script, and the
 * bundled engine process (dist/worker.js, forked as the extension host forks it) runs an analysis on two worker
 * threads with the same report as on one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import type { JsonSummary } from '../../engine/report/summary.ts';
import { startJob } from '../../extension/src/worker/client.ts';
import { REPO_ROOT } from '../e2e-vscode/harness.ts';
import { sheetValues } from '../pipeline/report-values.ts';
import { packageClauseCascade } from './e2e/helpers.ts';

const WORKER = path.join(REPO_ROOT, 'extension', 'dist', 'worker.js');

let dir = '';
let vsix = '';
let workbook = '';
beforeAll(async () => {
  vsix = await packageClauseCascade();
  dir = mkdtempSync(path.join(os.tmpdir(), 'cc-ext-threads-'));
  workbook = path.join(dir, 'heldout.xlsx');
  // More distinct texts than one slice (2,000), so both threads get work.
  await writeGeneratedWorkbook(generateRows({ rows: 6_000, seed: 20261202, style: 'heldout' }), workbook);
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function analyseInBundle(threads: number): Promise<{ summary: JsonSummary; report: Record<string, unknown[][]> }> {
  const settings = resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', threads });
  const out = path.join(dir, `report-${threads}.xlsx`);
  const job = startJob(WORKER, { type: 'analyze', job: { policyFile: workbook, conditions: [], libraries: [], instructions: null, settings, out } });
  const result = await job.result;
  if (result.type !== 'analyzed') throw new Error(`the bundled worker answered ${JSON.stringify(result)}`);
  return { summary: result.summary, report: await sheetValues(out) };
}

describe('threads in the extension bundle', { timeout: 240_000 }, () => {
  it('packages the thread-worker script', () => {
    const listing = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stdout.split('\n')).toContain('extension/dist/engine/thread-worker.mjs');
    expect(readFileSync(path.join(REPO_ROOT, 'extension', 'dist', 'engine', 'thread-worker.mjs'), 'utf8')).toContain('normalise.prepare');
  });

  it('gives the same report on two threads as on one', async () => {
    const one = await analyseInBundle(1);
    const two = await analyseInBundle(2);
    expect(two.summary.threads).toBe(2);
    expect(one.summary.threads).toBe(1);
    expect(two.summary.result).toEqual(one.summary.result);
    expect(two.summary.counters).toEqual(one.summary.counters);
    expect(two.report).toEqual(one.report);
    expect(one.report['Analyseresultaten']!.length).toBe(6_001);
  });
});
