/**
 * Memory regression, a million-row portfolio in CI size: 200,000 generated rows (.xlsx and .csv) analysed by the real
 * CLI with the V8 heap capped at 384 MB. Measured on 2026-12-03: both pass with 256 MB and the .xlsx fails with
 * 160 MB; the whole-workbook reader and in-memory report needed more than 192 MB of heap for a tenth of these rows. A
 * run that outgrows the cap aborts, so this fails on memory, never on time.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.ts';

const ROWS = 200_000;
const HEAP_MB = 384;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scale-memory-'));
  for (const extension of ['xlsx', 'csv']) {
    const run = await cli(['generate', '--rows', String(ROWS), '--style', 'heldout', '--seed', '7', '--out', path.join(dir, `policies.${extension}`)]);
    expect(run.code, run.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`analysing ${ROWS} rows with a ${HEAP_MB} MB heap`, () => {
  it.each(['xlsx', 'csv'])('.%s', async (extension) => {
    const report = path.join(dir, `report-${extension}.xlsx`);
    const run = await cli(['analyze', path.join(dir, `policies.${extension}`), '--mode', 'fast', '--out', report, '--json', `${report}.json`, '--quiet'], {
      env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
    });
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(report).size).toBeGreaterThan(0);
  }, 180_000);
});
