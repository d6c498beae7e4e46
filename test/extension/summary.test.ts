// The toast after an analysis: the real engine's summary of a clean workbook gives an information toast; a
// header-only workbook (the report is empty) gives a warning toast led by the engine's warning, in either language
// (the engine's message id and parameters, translated by the extension), with numbers formatted for the display
// language.
import { writeFileSync } from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkbook, defaultSettings } from '../../engine/index.ts';
import type { JsonSummary } from '../../engine/report/summary.ts';
import { meaningWarnings, summaryMessage, warningMessage } from '../../extension/src/analyze/summary.ts';
import { translator } from '../../extension/src/l10n/translate.ts';

const EXTENSION = path.resolve(import.meta.dirname, '..', '..', 'extension');
const dutch = translator(JSON.parse(readFileSync(path.join(EXTENSION, 'l10n', 'bundle.l10n.nl.json'), 'utf8')) as Record<string, string>);
const SAMPLE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'sample', 'policies.xlsx');

describe('the summary toast', () => {
  let dir = '';
  let empty: JsonSummary;
  let sample: JsonSummary;
  let wideCsv: JsonSummary;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cc-summary-'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Polissen').addRow(['Polisnummer', 'Tekst']);
    const headerOnly = path.join(dir, 'leeg.xlsx');
    await workbook.xlsx.writeFile(headerOnly);
    const settings = { ...defaultSettings(), mode: 'fast' as const, referenceDate: '2025-01-01' };
    empty = (await analyzeWorkbook({ policyFile: headerOnly, settings }, { out: path.join(dir, 'leeg-rapport.xlsx'), json: false })).summary;
    sample = (await analyzeWorkbook({ policyFile: SAMPLE, settings }, { out: path.join(dir, 'sample-rapport.xlsx'), json: false })).summary;
    // 1,200 rows of which every one has a field more than the header: a count the display language formats.
    const csv = path.join(dir, 'breed.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `${i + 1};Schade door storm aan de schuur nummer ${i % 7};extra`);
    writeFileSync(csv, ['Polisnummer;Tekst', ...rows].join('\n') + '\n');
    wideCsv = (await analyzeWorkbook({ policyFile: csv, settings }, { out: path.join(dir, 'breed-rapport.xlsx'), json: false })).summary;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a warning led by the first warning when the workbook has a header row but no data rows', () => {
    expect(meaningWarnings(empty)).toEqual([{ id: 'ingest.noDataRowsSheet', params: { file: expect.stringContaining('leeg.xlsx'), sheet: 'Polissen', row: 1 } }]);
    expect(empty.warnings[0]).toMatch(/sheet "Polissen" has a header row \(row 1\) but no data rows/);
    const toast = summaryMessage(empty, 'leeg-rapport.xlsx');
    expect(toast.warning).toBe(true);
    expect(toast.text).toMatch(/^Clause Cascade: Warning: .*leeg\.xlsx.* has a header row \(row 1\) but no data rows; the report will be empty\. /);
    expect(toast.text).toContain('0 rows → 0 clusters');
    const nl = summaryMessage(empty, 'leeg-rapport.xlsx', dutch, 'nl');
    expect(nl.warning).toBe(true);
    expect(nl.text).toMatch(/^Clause Cascade: Waarschuwing: .*leeg\.xlsx, werkblad "Polissen" heeft een kopregel \(rij 1\) maar geen gegevensrijen; het rapport wordt leeg\. /);
    expect(nl.text).not.toMatch(/header row|no data rows/);
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

  it('translates a CSV warning with its count formatted for the display language', () => {
    expect(wideCsv.warningMessages.map((w) => w.id)).toEqual(['ingest.extraFields']);
    expect(wideCsv.warnings[0]).toContain('1200 line(s) with more fields than the header row (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)');
    const [warning] = meaningWarnings(wideCsv);
    expect(warningMessage(warning!)).toBe(wideCsv.warnings[0]!.replace('1200', '1,200'));
    expect(warningMessage(warning!, dutch, 'nl', (file) => path.relative(dir, file))).toMatch(/^breed\.csv: 1\.200 regel\(s\) met meer velden dan de kopregel \(2, 3, .*, 11, …\); de extra velden staan in de toegevoegde kolom\(men\) "Kolom 3"\./);
    expect(summaryMessage(wideCsv, 'breed-rapport.xlsx', dutch, 'nl').text).toMatch(/^Clause Cascade: Waarschuwing: .*breed\.csv: 1\.200 regel\(s\) met meer velden .* 1\.200 rijen → /);
  });

  it('counts the further warnings and leaves a missing model to its own notice', () => {
    const model = { id: 'signals.unavailable', params: { signal: 'embeddings', reason: 'no model' } } as const;
    const conditions = { id: 'conditions.noText', params: { file: 'scan.pdf' } } as const;
    const library = { id: 'library.duplicateCodes', params: { codes: 'D1 (2x)' } } as const;
    const more = { ...sample, warningMessages: [model, conditions, library] };
    expect(meaningWarnings(more)).toEqual([conditions, library]);
    expect(summaryMessage(more, 'r.xlsx').text).toMatch(/^Clause Cascade: Warning: Conditions document scan\.pdf contains no extractable text .* \(\+1 more in the log\) 2,000 rows/);
    expect(summaryMessage(more, 'r.xlsx', dutch, 'nl').text).toMatch(/^Clause Cascade: Waarschuwing: Voorwaardendocument scan\.pdf bevat geen leesbare tekst .* \(\+1 meer in het logboek\) 2\.000 rijen/);
    expect(summaryMessage({ ...sample, warningMessages: [model] }, 'r.xlsx').warning).toBe(false);
  });
});
