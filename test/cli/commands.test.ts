import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/ingest/index.ts';
import { cli, errorLines, sha256, tempDir, writeCsv } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('generate', () => {
  it('is deterministic for a seed, as .csv and as .xlsx', async () => {
    for (const ext of ['csv', 'xlsx']) {
      const a = path.join(dir, `a.${ext}`);
      const b = path.join(dir, `b.${ext}`);
      const runA = await cli(['generate', '--rows', '40', '--seed', '7', '--style', 'seed', '--out', a]);
      const runB = await cli(['generate', '--rows', '40', '--seed', '7', '--style', 'seed', '--out', b]);
      expect(runA.code, runA.stderr).toBe(0);
      expect(runB.code, runB.stderr).toBe(0);
      expect(runA.stdout).toContain('Wrote 40 rows');
      expect(await sha256(a)).toBe(await sha256(b));
    }
    const text = (await fs.readFile(path.join(dir, 'a.csv'), 'utf8')).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('Polisnummer;Tekst;Label');
  });

  it('refuses an existing file without --overwrite and a bad --rows', async () => {
    const target = path.join(dir, 'a.csv');
    const exists = await cli(['generate', '--rows', '5', '--out', target]);
    expect(exists.code).toBe(2);
    expect(errorLines(exists.stderr)[0]).toContain('already exists');
    expect((await cli(['generate', '--rows', '5', '--out', target, '--overwrite'])).code).toBe(0);
    expect((await cli(['generate', '--rows', 'many', '--out', path.join(dir, 'x.csv')])).code).toBe(2);
    expect((await cli(['generate', '--rows', '5', '--style', 'odd', '--out', path.join(dir, 'x.csv')])).code).toBe(2);
  });
});

describe('pairs', () => {
  let input: string;
  beforeAll(async () => {
    input = path.join(dir, 'pairs.csv');
    await writeCsv(input, [
      ['Id', 'Links', 'Rechts'],
      ['1', 'Deze polis dekt schade aan gebouw tot een bedrag van €5.000', 'Deze polis dekt schade aan gebouw tot een bedrag van €5.000'],
      ['2', 'Uitgesloten zijn schades door opzet en oorlog', 'De verzekering geldt voor Nederland en omgeving'],
      ['3', 'Eigen risico bedraagt €500 per gebeurtenis', 'EIGEN RISICO BEDRAAGT €250 PER GEBEURTENIS'],
      ['4', 'kort', 'ok'],
    ]);
  });

  it('writes the input columns plus score, bounds, decision, exit and signals as CSV', async () => {
    const out = path.join(dir, 'pairs-out.csv');
    const before = await sha256(input);
    const run = await cli(['pairs', input, '--left', 'Links', '--right', 'Rechts', '--mode', 'fast', '--policy', 'full', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(await sha256(input)).toBe(before);
    const bytes = await fs.readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { records } = parseCsv(bytes.toString('utf8').slice(1), ';');
    const [header, ...rows] = records.map((r) => r.cells);
    expect(header!.slice(0, 9)).toEqual(['Id', 'Links', 'Rechts', 'score', 'lower', 'upper', 'decision', 'exit', 'signals']);
    expect(rows).toHaveLength(4);
    expect(rows[0]![3]).toBe('1.0000');
    expect(rows[0]![6]).toBe('match');
    expect(rows[0]![8]).toMatch(/^fuzzy=1\.00 stemmed=1\.00$/);
    expect(rows[1]![6]).toBe('no match');
    expect(rows[1]![7]).toBe('full');
    expect(rows[3]![7]).toBe('nvt');
    // A few rows: the per-signal contributions are printed too.
    expect(run.stdout).toContain('Signal contributions');
    expect(run.stdout).toMatch(/fuzzy\s+1\.0000 × 0\.6000 = 0\.6000/);
  });

  it('prints a table without --out and explains early exits with bounds', async () => {
    const run = await cli(['pairs', input, '--left', 'links', '--right', 'Rechts', '--no-embeddings', '--threshold', '0.95']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/row\s+Links\s+Rechts\s+score\s+lower\s+upper\s+decision\s+exit\s+signals/);
    expect(run.stdout).toContain('threshold 0.95');
  });

  it('refuses an unknown column (exit 1) and writing over the input (exit 2)', async () => {
    const missing = await cli(['pairs', input, '--left', 'Links', '--right', 'Nope']);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)[0]).toMatch(/pairs\.csv.*"Nope"/);
    const over = await cli(['pairs', input, '--left', 'Links', '--right', 'Rechts', '--out', input, '--overwrite']);
    expect(over.code).toBe(2);
    expect((await cli(['pairs', input, '--left', 'Links', '--right', 'Rechts', '--threshold', '1.5'])).code).toBe(2);
  });

  it('reads .tsv files', async () => {
    const tsv = path.join(dir, 'pairs.tsv');
    await fs.writeFile(tsv, (await fs.readFile(input, 'utf8')).replaceAll(';', '\t'));
    const run = await cli(['pairs', tsv, '--left', 'Links', '--right', 'Rechts', '--mode', 'fast']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('4 pairs');
  });
});

describe('bench', () => {
  it('compares lossless with the full baseline: speedup, ARI 1 and no differences', async () => {
    const json = path.join(dir, 'bench.json');
    const run = await cli(['bench', '--rows', '200', '--repeats', '1', '--json', json]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Speedup \(full \/ lossless, medians\)\s+[\d.]+×/);
    expect(run.stdout).toMatch(/Adjusted Rand index \(full vs policy\)\s+1\.0000/);
    expect(run.stdout).toMatch(/Rows whose cluster differs\s+0/);
    expect(run.stdout).toMatch(/Rows whose advice differs\s+0/);
    expect(run.stdout).toMatch(/F1 \(pairs vs Label\)/);
    expect(run.stdout).toMatch(/Peak RSS\s+\d+ MB/);
    const report = JSON.parse(await fs.readFile(json, 'utf8')) as {
      comparison: { adjustedRandIndex: number; pairsTogetherInExactlyOne: number; rowsClusterDiffers: number; rowsAdviceDiffers: number; speedup: number };
      baseline: { rows: number; policy: string; labels: { f1: number } };
      policy: { policy: string; totalSignalEvaluations: number };
      runs: unknown[];
    };
    expect(report.comparison).toMatchObject({ adjustedRandIndex: 1, pairsTogetherInExactlyOne: 0, rowsClusterDiffers: 0, rowsAdviceDiffers: 0 });
    expect(report.comparison.speedup).toBeGreaterThan(0);
    expect(report.baseline).toMatchObject({ rows: 200, policy: 'full' });
    expect(report.policy.policy).toBe('lossless');
    expect(report.runs).toHaveLength(2);
  });

  it('rejects --policy full', async () => {
    expect((await cli(['bench', '--policy', 'full', '--rows', '20', '--repeats', '1'])).code).toBe(2);
  });
});
