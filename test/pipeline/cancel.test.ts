/**
 * Cancel while normalising: the work over every row (record maps, the spelling vocabulary, the records) has
 * cancellation points between pieces (util/steps.ts), the calling thread runs a task in small slices, and the thread
 * pool does not wait for the slices under way, so an abort at any moment of the stage ends the run promptly, before
 * clustering starts, and leaves no report behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkbook, CancelledError, resolveSettings } from '../../engine/index.ts';
import { generateRows, writeGeneratedWorkbook } from '../../engine/generate/index.ts';

/** The longest an abort may wait for the run to end; far below the stage's own length at this size. */
const PROMPT_MS = 1_000;

let dir: string;
let input: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pipeline-cancel-'));
  input = path.join(dir, 'polissen.csv');
  await writeGeneratedWorkbook(generateRows({ rows: 40_000, seed: 20261202, style: 'heldout' }), input);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Aborts `delayMs` after normalisation starts; how long the run took to end after that, and the stages it began. */
async function cancelWhileNormalising(delayMs: number, threads = 1): Promise<{ error: unknown; endedAfterMs: number; stages: string[] }> {
  const controller = new AbortController();
  const stages: string[] = [];
  let abortedAt = 0;
  const run = analyzeWorkbook({ policyFile: input, settings: resolveSettings({ mode: 'fast', referenceDate: '2026-01-01', threads }) }, { out: path.join(dir, `rapport-${delayMs}-${threads}.xlsx`), json: false }, {
    signal: controller.signal,
    logger: (_, message) => {
      const started = /^Stage (\w+) started$/.exec(message);
      if (started) stages.push(started[1]!);
      if (started?.[1] === 'normalise') {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, delayMs);
      }
    },
  });
  const error = await run.then(() => null, (e: unknown) => e);
  return { error, endedAfterMs: performance.now() - abortedAt, stages };
}

describe('cancel during normalisation', () => {
  for (const delayMs of [0, 150, 400]) {
    it(`ends the run promptly when aborted ${delayMs} ms into the stage, with no report`, async () => {
      const { error, endedAfterMs, stages } = await cancelWhileNormalising(delayMs);
      expect(error).toBeInstanceOf(CancelledError);
      expect(stages).toEqual(['ingest', 'normalise']);
      expect(endedAfterMs).toBeLessThan(PROMPT_MS);
      expect(readdirSync(dir).filter((f) => f.startsWith('rapport') || f.endsWith('.tmp'))).toEqual([]);
    }, 120_000);
  }

  it('ends a run on two threads promptly too: the slices under way are not waited for', async () => {
    const { error, endedAfterMs, stages } = await cancelWhileNormalising(150, 2);
    expect(error).toBeInstanceOf(CancelledError);
    expect(stages).toEqual(['ingest', 'normalise']);
    expect(endedAfterMs).toBeLessThan(PROMPT_MS);
    expect(readdirSync(dir).filter((f) => f.startsWith('rapport') || f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
