import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, errorLines, FIXTURES, sha256, tempDir, writeCsv } from './helpers.ts';

let dir: string;
let small: string;

beforeAll(async () => {
  dir = await tempDir();
  small = path.join(dir, 'small.csv');
  await writeCsv(small, [['Polisnummer', 'Tekst'], ['POL-1', 'Eigen risico bedraagt €500 per gebeurtenis']]);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Copies a broken fixture into its own folder, runs analyze on it, and checks exit 1, one line, nothing written. */
async function expectInputError(fixture: string | null, name: string, extra: string[], mention: string): Promise<void> {
  const folder = await fs.mkdtemp(path.join(dir, 'case-'));
  const input = path.join(folder, name);
  if (fixture) await fs.copyFile(fixture, input);
  const before = fixture ? await sha256(input) : null;
  const run = await cli(['analyze', input, ...extra]);
  expect(run.code, run.stderr).toBe(1);
  const lines = errorLines(run.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toContain(mention);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack
  expect(await fs.readdir(folder)).toEqual(fixture ? [name] : []);
  if (before) expect(await sha256(input)).toBe(before);
}

describe('analyze: bad input exits 1 with one line naming the file or column, and writes nothing', () => {
  const broken = (f: string) => path.join(FIXTURES, 'broken', f);
  it('missing file', () => expectInputError(null, 'missing.xlsx', [], 'missing.xlsx'));
  it('unsupported extension', () => expectInputError(broken('policies.ods'), 'policies.ods', [], 'policies.ods'));
  it('corrupt workbook', () => expectInputError(broken('not-a-workbook.xlsx'), 'not-a-workbook.xlsx', [], 'not-a-workbook.xlsx'));
  it('truncated workbook', () => expectInputError(broken('truncated.xlsx'), 'truncated.xlsx', [], 'truncated.xlsx'));
  it('password-protected workbook', () => expectInputError(broken('password-protected.xlsx'), 'password-protected.xlsx', [], 'password-protected.xlsx'));
  it('empty sheet', () => expectInputError(broken('empty-sheet.xlsx'), 'empty-sheet.xlsx', [], 'empty-sheet.xlsx'));
  it('no text-like column', () => expectInputError(broken('numbers-only.csv'), 'numbers-only.csv', [], 'numbers-only.csv'));
  it('unknown --text-column', () => expectInputError(path.join(FIXTURES, 'csv', 'polissen-win1252.csv'), 'polissen.csv', ['--text-column', 'Bestaat Niet'], 'Bestaat Niet'));
});

describe('bad flags exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['accuracy out of range', ['--accuracy', '120'], /clusterAccuracy.*120.*--accuracy/],
    ['unknown mode', ['--mode', 'turbo'], /mode.*turbo/],
    ['unknown option', ['--turbo'], /unknown option '--turbo'/],
    ['unknown --set name', ['--set', 'noSuchSetting=1'], /Unknown setting noSuchSetting/],
    ['malformed --set', ['--set', 'seed.exitLow'], /name=value/],
    ['bad reference date', ['--reference-date', '2024-02-30'], /referenceDate/],
    ['--model with --no-embeddings', ['--model', 'x', '--no-embeddings'], /contradict/],
  ];
  for (const [what, flags, message] of cases) {
    it(what, async () => {
      const before = await sha256(small);
      const run = await cli(['analyze', small, ...flags]);
      expect(run.code, run.stderr).toBe(2);
      expect(errorLines(run.stderr)[0]).toMatch(message);
      expect(await fs.readdir(dir)).not.toContain('small_clause-cascade.xlsx');
      expect(await sha256(small)).toBe(before);
    });
  }

  it('an unknown command and a missing argument', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['analyze'])).code).toBe(2);
  });

  it('--help exits 0 on every command', async () => {
    for (const command of ['analyze', 'pairs', 'generate', 'bench']) {
      const run = await cli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: clause-cascade ${command}`);
    }
  });
});
