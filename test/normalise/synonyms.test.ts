import { describe, expect, it } from 'vitest';
import { clusteringText } from '../../engine/normalise/clustering.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { stem } from '../../engine/normalise/stem.ts';
import { isStopword } from '../../engine/normalise/stopwords.ts';
import { SYNONYM_GROUPS, SYNONYM_TABLE, canonicalTerm, contentTerms } from '../../engine/normalise/synonym-groups.ts';

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const term of a) if (b.has(term)) common++;
  return common / (a.size + b.size - common);
}

function terms(raw: string): string[] {
  return [...contentTerms(simplify(raw))];
}

describe('synonym table (SPEC Appendix A)', () => {
  it('has 45 groups in table order', () => {
    expect(SYNONYM_TABLE).toHaveLength(45);
    expect(SYNONYM_GROUPS.map((group) => group.canonical).slice(0, 6)).toEqual([
      'voertuig', 'woning', 'verzekerd', 'verzekering', 'schade', 'eigen risico',
    ]);
    expect(SYNONYM_GROUPS.at(-1)?.canonical).toBe('grove schuld');
    expect(SYNONYM_TABLE.reduce((n, [, list]) => n + list.length, 0)).toBe(234);
  });

  it('simplifies every term', () => {
    expect(canonicalTerm('autos')).toBe('voertuig');
    expect(canonicalTerm('eigenrisico')).toBe('eigen risico');
    expect(canonicalTerm('pa')).toBe('jaar');
    expect(canonicalTerm('nietzakelijk')).toBe('particulier');
    expect(canonicalTerm("auto's")).toBeUndefined();
    for (const group of SYNONYM_GROUPS) {
      for (const term of [group.canonical, ...group.terms]) expect(simplify(term)).toBe(term);
    }
  });

  it('puts a term listed in several groups where it is canonical, else in the first group', () => {
    expect(canonicalTerm('gebouw')).toBe('woning');
    expect(canonicalTerm('opstal')).toBe('opstal');
    expect(canonicalTerm('drempel')).toBe('eigen risico');
    expect(canonicalTerm('woning')).toBe('woning');
    expect(canonicalTerm('polis')).toBe('verzekering');
  });

  it('has no stop-word among its single-word terms', () => {
    // otherwise the order "drop stop-words, then map" would matter
    for (const group of SYNONYM_GROUPS) {
      for (const term of [group.canonical, ...group.terms]) expect(isStopword(term)).toBe(false);
    }
  });
});

describe('contentTerms (SPEC §6.5)', () => {
  it('maps table terms to canonical terms, drops stop-words, stems the rest', () => {
    expect(terms('De auto is verzekerd tegen brandschade')).toEqual(['voertuig', 'verzekerd', 'brand']);
    expect(terms('Vergoeding van kosten bij opgenomen schades')).toEqual([
      'vergoeding', 'premie', stem('opgenomen'), 'schade',
    ]);
  });

  it('replaces multi-word terms, longest first, before dropping stop-words', () => {
    expect(terms('Het eigen risico geldt')).toEqual(['eigen risico', stem('geldt')]);
    expect(terms('eigen-risico en franchise')).toEqual(['eigen risico']);
    expect(terms('Schade is niet gedekt')).toEqual(['schade', 'uitsluiting']);
    expect(terms('niet meer geldig')).toEqual(['vervallen']);
    expect(terms('Dit is van toepassing')).toEqual(['geldig']);
    // `niet` alone is a stop-word, `gedekt` alone means covered
    expect(terms('niet ... wel gedekt')).toEqual([stem('wel'), 'verzekerd']);
  });

  it('knows `wettelijke aansprakelijkheid` and `wettelijk aansprakelijk` as whole terms', () => {
    expect(terms('Wettelijke aansprakelijkheid particulieren')).toEqual(['aansprakelijk', stem('particulieren')]);
    expect(terms('wettelijk aansprakelijk')).toEqual(['aansprakelijk']);
    expect(terms('wettelijke regeling aansprakelijkheid')).toEqual([
      stem('wettelijke'), stem('regeling'), 'aansprakelijk',
    ]);
  });

  it('treats the three multi-group terms by the membership rule', () => {
    expect(terms('gebouw')).toEqual(['woning']);
    expect(terms('opstal')).toEqual(['opstal']);
    expect(terms('drempel')).toEqual(['eigen risico']);
  });

  it('keeps placeholders of clustering texts as they are', () => {
    const text = clusteringText('Eigen risico € 250 per schade, premie 5% per jaar');
    expect(text).toBe('eigen risico [BEDRAG] per schade premie [PERCENTAGE] per jaar');
    expect([...contentTerms(text)]).toEqual([
      'eigen risico', '[BEDRAG]', stem('per'), 'schade', 'premie', '[PERCENTAGE]', 'jaar',
    ]);
  });

  it('gives an empty set for empty or stop-word-only texts', () => {
    expect(contentTerms('').size).toBe(0);
    expect(contentTerms('de en van het').size).toBe(0);
  });

  it('makes synonymous clauses similar; Jaccard stays within [0, 1]', () => {
    const a = contentTerms(simplify('Het eigen risico voor de auto bedraagt € 250'));
    const b = contentTerms(simplify('De franchise voor het voertuig bedraagt € 250'));
    expect(jaccard(a, b)).toBe(1);
    const samples = [
      'Schade aan de woning door brand is gedekt',
      'Beschadiging van het huis door vuur is meeverzekerd',
      'Diefstal van juwelen is uitgesloten',
      'Terrorisme is niet verzekerd',
      '',
      'de en van',
    ].map((raw) => contentTerms(simplify(raw)));
    for (const x of samples) {
      for (const y of samples) {
        const value = jaccard(x, y);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    expect(jaccard(samples[0]!, samples[1]!)).toBe(1);
  });
});
