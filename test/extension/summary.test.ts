// The toast after an analysis: the real engine's summary of a clean workbook gives an information toast; a
// header-only workbook (the report is empty) gives a warning toast led by the engine's warning, in either language,
// with numbers formatted for the display language.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkbook, defaultSettings } from '../../engine/index.ts';
import type { JsonSummary } from '../../engine/report/summary.ts';
import { meaningWarnings, summaryMessage } from '../../extension/src/analyze/summary.ts';
import { translator } from '../../extension/src/l10n/translate.ts';

const EXTENSION = path.resolve(import.meta.dirname, '..', '..', 'extension');
const dutch = translator(JSON.parse(readFileSync(path.join(EXTENSION, 'l10n', 'bundle.l10n.nl.json'), 'utf8')) as Record<string, string>);
const SAMPLE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'sample', 'policies.xlsx');

describe('the summary toast', () => {
  let dir = '';
  let empty: JsonSummary;
  let sample: JsonSummary;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cc-summary-'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Polissen').addRow(['Polisnummer', 'Tekst']);
    const headerOnly = path.join(dir, 'leeg.xlsx');
    await workbook.xlsx.writeFile(headerOnly);
    const settings = { ...defaultSettings(), mode: 'fast' as const, referenceDate: '2025-01-01' };
    empty = (await analyzeWorkbook({ policyFile: headerOnly, settings }, { out: path.join(dir, 'leeg-rapport.xlsx'), json: false })).summary;
    sample = (await analyzeWorkbook({ policyFile: SAMPLE, settings }, { out: path.join(dir, 'sample-rapport.xlsx'), json: false })).summary;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a warning led by the first warning when the workbook has a header row but no data rows', () => {
    expect(meaningWarnings(empty)[0]).toMatch(/header row .* but no data rows/);
    const toast = summaryMessage(empty, 'leeg-rapport.xlsx');
    expect(toast.warning).toBe(true);
    expect(toast.text).toMatch(/^Clause Cascade: Warning: .*leeg\.xlsx.* has a header row \(row 1\) but no data rows; the report will be empty\. /);
    expect(toast.text).toContain('0 rows → 0 clusters');
    const nl = summaryMessage(empty, 'leeg-rapport.xlsx', dutch, 'nl');
    expect(nl.warning).toBe(true);
    expect(nl.text).toMatch(/^Clause Cascade: Waarschuwing: .* but no data rows/);
    expect(nl.text).toContain('0 rijen → 0 groepen');
  });

  it('is information on a clean workbook, numbers in the display language', () => {
    expect(meaningWarnings(sample)).toEqual([]);
    const en = summaryMessage(sample, 'sample-rapport.xlsx');
    expect(en.warning).toBe(false);
    expect(en.text).toMatch(/^Clause Cascade: 2,000 rows → [\d,]+ clusters \(\d+\.\d% reduction\) in \d+\.\d s\./);
    const nl = summaryMessage(sample, 'sample-rapport.xlsx', dutch, 'nl');
    expect(nl.text).toMatch(/^Clause Cascade: 2\.000 rijen → [\d.]+ groepen \(\d+,\d% reductie\) in \d+,\d s\./);
  });

  it('counts the further warnings and leaves a missing model to its own notice', () => {
    const more = { ...sample, warnings: ['Signal embeddings unavailable: no model', 'first: a guessed text column', 'second: 3 rows skipped'] };
    expect(meaningWarnings(more)).toEqual(['first: a guessed text column', 'second: 3 rows skipped']);
    expect(summaryMessage(more, 'r.xlsx').text).toMatch(/^Clause Cascade: Warning: first: a guessed text column \(\+1 more in the log\) 2,000 rows/);
    expect(summaryMessage({ ...sample, warnings: ['Signal embeddings unavailable: no model'] }, 'r.xlsx').warning).toBe(false);
  });
});
