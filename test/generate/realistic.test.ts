import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { CLAUSE_FAMILIES } from '../../engine/generate/families.ts';
import { generateRealisticRows } from '../../engine/generate/realistic.ts';

const rows = generateRealisticRows(2000);

function countBy<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Letters and digits only, lower-cased: a rough stand-in for simplification, enough for length checks. */
function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Close to simplification (SPEC §5.1): punctuation removed, whitespace collapsed. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/gu, ' ').trim();
}

describe('generateRealisticRows', () => {
  it('is deterministic, seed 42 by default, and seeds differ', () => {
    expect(generateRealisticRows(300)).toEqual(generateRealisticRows(300, 42));
    expect(generateRealisticRows(300, 5)).toEqual(generateRealisticRows(300, 5));
    expect(generateRealisticRows(300, 5)).not.toEqual(generateRealisticRows(300, 42));
  });

  it('writes the columns Polisnummer, Product, Ingangsdatum, Tekst, Label', () => {
    expect(Object.keys(rows[0]!)).toEqual(['Polisnummer', 'Product', 'Ingangsdatum', 'Tekst', 'Label']);
    for (const row of rows) {
      expect(row.Polisnummer).toMatch(/^\d{8}$/);
      expect(row.Ingangsdatum).toMatch(/^\d{4}-\d{2}-01$/);
      expect(row.Label).toMatch(/^(F\d{2}|M-\d+(\.\d+)*|NVT)$/);
    }
    // Policies hold several clauses.
    expect(countBy(rows.map((r) => r.Polisnummer)).size).toBeLessThan(rows.length / 2);
  });

  it('labels short texts NVT and only those', () => {
    for (const row of rows) expect(row.Label === 'NVT', JSON.stringify(row.Tekst)).toBe(bare(row.Tekst).length < 5);
    expect(rows.some((r) => r.Tekst === '')).toBe(true);
  });

  it('has a Zipf-like family size distribution with a long tail', () => {
    const sizes = countBy(rows.map((r) => r.Label));
    const families = [...sizes].filter(([label]) => label.startsWith('F'));
    expect(families.filter(([, n]) => n >= 20).length).toBeGreaterThanOrEqual(3);
    expect(families.length).toBeGreaterThanOrEqual(60);
    expect(sizes.size).toBeGreaterThanOrEqual(100);
    expect([...sizes.values()].filter((n) => n === 1).length).toBeGreaterThanOrEqual(50);
    expect(Math.max(...sizes.values())).toBeLessThan(rows.length / 4);
  });

  it('varies the rows of a family', () => {
    const byLabel = new Map<string, string[]>();
    for (const row of rows) byLabel.set(row.Label, [...(byLabel.get(row.Label) ?? []), row.Tekst]);
    for (const [label, texts] of byLabel) {
      if (!label.startsWith('F') || texts.length < 20) continue;
      expect(new Set(texts).size, label).toBeGreaterThan(texts.length / 4);
    }
    const texts = rows.map((r) => r.Tekst);
    expect(texts.some((t) => t.startsWith('Let op: '))).toBe(true);
    expect(texts.some((t) => /\p{Lu}{12}/u.test(t) && t === t.toUpperCase())).toBe(true);
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    expect(texts.some((t) => /€ \d{1,3}(\.\d{3})*,-/.test(t))).toBe(true);
    expect(texts.some((t) => /\d+ euro/.test(t))).toBe(true);
    expect(texts.some((t) => /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/.test(t))).toBe(true);
    expect(texts.some((t) => /\d{4} [A-Z]{2} /.test(t))).toBe(true);
    expect(texts.some((t) => [...t].length > 800)).toBe(true);
  });

  it('keeps typos light: a family row stays close to its template', () => {
    const family = new Map(CLAUSE_FAMILIES.map((f) => [f.id, f]));
    for (const row of rows) {
      const f = family.get(row.Label);
      if (!f || f.text.includes('{')) continue; // slot-free families compare directly
      const a = bare(row.Tekst.replace(/^Let op: /, '').replace(/Ã©/g, 'é').replace(/Ã«/g, 'ë').replace(/Ã¯/g, 'ï'));
      const b = bare(f.text);
      expect(distance(a, b), row.Tekst).toBeLessThanOrEqual(Math.max(2, Math.floor(b.length * 0.06)));
    }
  });

  it('keeps families apart: no two family templates are more than 82% alike', () => {
    const neutral = CLAUSE_FAMILIES.map((f) => ({ id: f.id, text: plain(f.text.replace(/\{\w+\}/g, '[X]')) }));
    for (let i = 0; i < neutral.length; i++) {
      for (let j = i + 1; j < neutral.length; j++) {
        const a = neutral[i]!;
        const b = neutral[j]!;
        const similarity = 1 - distance(a.text, b.text) / Math.max(a.text.length, b.text.length);
        expect(similarity, `${a.id} vs ${b.id}`).toBeLessThan(0.82);
      }
    }
  });
});
