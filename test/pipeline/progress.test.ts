/**
 * Progress covers every stage with row counts where there are rows to count, the CLI bar turns them into rows/s and
 * time left, and a run cancelled while the report is written leaves no file behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeWorkbook, CancelledError, resolveSettings, type ProgressEvent } from '../../engine/index.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';
import { ProgressBar } from '../../engine/cli/terminal.ts';

const ROWS = 12_000;
let dir: string;
let input: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pipeline-progress-'));
  input = path.join(dir, 'polissen.csv');
  await writeGeneratedWorkbook(generateRows({ rows: ROWS, seed: 3, style: 'seed' }), input);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = () => resolveSettings({ mode: 'fast', referenceDate: '2026-01-01' });

describe('progress events', () => {
  it('report rows while reading, clustering and writing, in rising order', async () => {
    const events: ProgressEvent[] = [];
    await analyzeWorkbook({ policyFile: input, settings: settings() }, { out: path.join(dir, 'rapport.xlsx'), json: false }, { onProgress: (e) => events.push(e) });
    const rows = (stage: string) => events.filter((e) => e.stage === stage && e.rows).map((e) => e.rows!);
    expect(rows('ingest')).toEqual([{ done: 5_000, total: null }, { done: 10_000, total: null }]);
    expect(rows('cluster').at(-1)).toEqual({ done: ROWS, total: ROWS });
    expect(rows('report').map((r) => r.done)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000, 12_000]);
    // The advice stage shows from its start (50%) and moves through the step-0 checks (its first half, 50–70%).
    const advice = events.filter((e) => e.stage === 'advise').map((e) => e.percent);
    expect(advice[0]).toBe(50);
    expect(advice.some((p) => p > 50 && p < 70)).toBe(true);
    const percents = events.map((e) => e.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ stage: 'done', percent: 100 });
  }, 120_000);

  it('a run cancelled during the step-0 checks stops there', async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const run = analyzeWorkbook({ policyFile: input, settings: settings() }, { out: path.join(dir, 'stap0.xlsx'), json: false }, {
      signal: controller.signal,
      onProgress: (e) => {
        stages.push(e.stage);
        if (e.stage === 'advise' && e.percent === 50) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(CancelledError);
    expect(stages.filter((s) => s === 'advise').length).toBeLessThan(3);
    expect(stages).not.toContain('report');
  }, 120_000);

  it('a run cancelled while the report is written leaves no file', async () => {
    const controller = new AbortController();
    const out = path.join(dir, 'geannuleerd.xlsx');
    const run = analyzeWorkbook({ policyFile: input, settings: settings() }, { out, json: false }, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.stage === 'report' && e.rows) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(CancelledError);
    expect(readdirSync(dir).filter((f) => f.includes('geannuleerd'))).toEqual([]);
  }, 120_000);
});

describe('ProgressBar', () => {
  it('shows the stage rows per second and the time left', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      let written = '';
      const stream = { columns: 120, write: (text: string) => ((written = text), true) } as unknown as NodeJS.WriteStream;
      const bar = new ProgressBar(stream);
      bar.update({ stage: 'cluster', percent: 25, message: 'Slim clusteren... (0%)', rows: { done: 0, total: 40_000 } });
      vi.setSystemTime(10_000);
      bar.update({ stage: 'cluster', percent: 40, message: 'Slim clusteren... (60%)', rows: { done: 24_000, total: 40_000 } });
      expect(written).toContain('40% Slim clusteren... (60%)  2400 rows/s  ETA 0:15');
    } finally {
      vi.useRealTimers();
    }
  });
});
