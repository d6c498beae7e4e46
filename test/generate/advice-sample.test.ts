import { readBack } from './read-back.ts';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchKeywordRule } from '../../engine/advise/rules/keywords.ts';
import { pairwiseScores } from '../../engine/experiment/metrics.ts';
import { ADVICE_FAMILIES, FAMILY_CONTENT, generateAdviceSampleRows } from '../../engine/generate/advice.ts';
import { generateRealisticRows, realisticRowGenerator } from '../../engine/generate/realistic.ts';
import { resolveSettings, runAnalysis } from '../../engine/index.ts';
import { readTableColumn } from '../../engine/ingest/index.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { CLAUSE_FAMILIES } from '../../engine/generate/families.ts';
import { mulberry32 } from '../../engine/generate/prng.ts';

const SAMPLE = path.resolve('fixtures/sample/policies.xlsx');
const rows = generateAdviceSampleRows(2000, 42);

describe('generateAdviceSampleRows', () => {
  it('is deterministic and adds the advice columns', () => {
    expect(generateAdviceSampleRows(300, 7)).toEqual(generateAdviceSampleRows(300, 7));
    expect(Object.keys(rows[0]!)).toEqual(['Polisnummer', 'Product', 'Ingangsdatum', 'Tekst', 'Label', 'Advies_Label', 'Advies_Stap', 'Advies_Bron']);
    for (const row of rows) expect(row.Advies_Label, row.Tekst).not.toBe('');
  });

  it('mixes in 25–35% advice-family rows and keeps the realistic rows in their order', () => {
    const advice = rows.filter((r) => !['realistic-family', 'bespoke', 'short'].includes(r.Advies_Bron!));
    expect(advice.length / rows.length).toBeGreaterThanOrEqual(0.25);
    expect(advice.length / rows.length).toBeLessThanOrEqual(0.35);
    const realistic = rows.filter((r) => ['realistic-family', 'bespoke', 'short'].includes(r.Advies_Bron!));
    expect(realistic.map((r) => r.Tekst)).toEqual(generateRealisticRows(realistic.length, 42).map((r) => r.Tekst));
  });

  it('gives the standard texts at least 20 rows', () => {
    for (const family of ADVICE_FAMILIES.filter((f) => f.kind === 'standard-frequent')) {
      expect(rows.filter((r) => r.Label === family.id).length, family.id).toBeGreaterThanOrEqual(20);
    }
  });

  it('realisticRowGenerator draws exactly the rows of generateRealisticRows', () => {
    const next = realisticRowGenerator(42);
    expect(Array.from({ length: 500 }, () => next().row)).toEqual(generateRealisticRows(500, 42));
  });
});

describe('advice family design', () => {
  it('keyword families hit their own rule first (Appendix B order)', () => {
    const rng = mulberry32(1);
    for (const family of ADVICE_FAMILIES.filter((f) => f.kind === 'keyword')) {
      const rule = typeof family.content === 'object' ? family.content.step.replace('keyword:', '') : '';
      for (let k = 0; k < 5; k++) expect(matchKeywordRule(simplify(family.make(rng).text))?.rule.name, family.id).toBe(rule);
    }
  });

  it('realistic families labelled with a keyword step name that rule first', () => {
    for (const family of CLAUSE_FAMILIES) {
      const content = FAMILY_CONTENT[family.id];
      if (!content || content === 'frequency' || !content.step.startsWith('keyword:')) continue;
      expect(matchKeywordRule(simplify(family.text.replace(/\{\w+\}/g, '€ 1.000')))?.rule.name, family.id).toBe(content.step.slice(8));
    }
  });

  it('data-quality families write what their check looks for', () => {
    const rng = mulberry32(2);
    const sample = (kind: string) => ADVICE_FAMILIES.filter((f) => f.kind === kind).flatMap((f) => Array.from({ length: 5 }, () => f.make(rng).text));
    for (const t of sample('placeholder')) expect(t).toMatch(/\[invullen\]|(?<!\p{L})x{3,}(?!\p{L})|_{3,}/iu);
    for (const t of sample('encoding')) expect(t).toMatch(/Ã©|Ã«/);
    for (const t of sample('expired-date')) expect(t).toMatch(/(uiterlijk|geldig tot|vóór) \d/i);
    for (const t of sample('empty')) expect(t.trim()).toBe('');
  });
});

describe('the committed sample (fixtures/sample/policies.xlsx)', () => {
  it('is the generator output (regenerate with npx tsx fixtures/make-sample.ts)', async () => {
    const { cells } = await readBack(SAMPLE);
    expect(cells[0]).toEqual(Object.keys(rows[0]!));
    expect(cells.length - 1).toBe(2000);
    rows.forEach((row, i) => expect(cells[i + 1], `row ${i + 2}`).toEqual(Object.values(row)));
  });

  for (const mode of ['fast', 'balanced'] as const) {
    it(`keeps Label as the clusters: pairwise F1 ≥ 0.98 in ${mode}`, async () => {
      const settings = resolveSettings({ mode, 'embeddings.model.balanced': 'none', referenceDate: '2026-01-01' });
      const result = await runAnalysis({ policyFile: SAMPLE, settings });
      const labelIndex = result.table.headers.indexOf('Label');
      const scores = pairwiseScores(result.rows.map((r) => r.clusterId), await readTableColumn(result.table, result.rows.length, labelIndex));
      console.log(`${mode}: pairwise P ${scores.precision.toFixed(4)} R ${scores.recall.toFixed(4)} F1 ${scores.f1.toFixed(4)}`);
      expect(scores.f1).toBeGreaterThanOrEqual(0.98);
    }, 120_000);
  }
});
