import { describe, expect, it } from 'vitest';
import { fallbackAdvice, frequencyAdvice, longTextAdvice, shortTextAdvice, tailAdvice } from '../../engine/advise/rules/fallback.ts';
import { sectionReference } from '../../engine/advise/rules/article-references.ts';

describe('steps 5–7 (§9.7)', () => {
  it('step 5: frequency at or above minFrequency', () => {
    expect(frequencyAdvice(19, 20)).toBeNull();
    expect(frequencyAdvice(20, 20)).toEqual({
      label: '🛠️ STANDAARDISEREN',
      confidence: 'Hoog',
      reason: 'Komt vaak voor (20x). Maak hiervan een standaard clausulecode.',
      article: 'Nieuw',
      rule: 'FREQUENT',
    });
    expect([...frequencyAdvice(25, 20)!.label].slice(0, 2).map((c) => c.codePointAt(0))).toEqual([0x1f6e0, 0xfe0f]);
  });

  it('step 6: long text shows its length in code points and the configured maximum', () => {
    expect(longTextAdvice('a'.repeat(800), 800)).toBeNull();
    expect(longTextAdvice('é'.repeat(801), 800)).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Hoog',
      reason: 'Tekst te lang voor automatische analyse (801 karakters, max 800)',
      article: '-',
      rule: 'LONG_TEXT',
    });
    expect(longTextAdvice('😀'.repeat(501), 500)?.reason).toBe('Tekst te lang voor automatische analyse (501 karakters, max 500)');
  });

  it('step 7 without conditions: bands 1 / ≤ 5 / otherwise', () => {
    expect(fallbackAdvice(1, 20, false)).toEqual({
      label: '✨ UNIEK',
      confidence: 'Midden',
      reason: 'Komt slechts 1x voor. Mogelijk maatwerk of eenmalige afwijking.',
      article: '-',
      rule: 'UNIQUE',
    });
    expect(fallbackAdvice(5, 20, false)).toEqual({
      label: '🔄 CONSISTENTIE CHECK',
      confidence: 'Midden',
      reason: 'Komt 5x voor. Controleer of dit varianten zijn van dezelfde clausule.',
      article: '-',
      rule: 'LOW_FREQUENCY',
    });
    expect(fallbackAdvice(6, 20, false)).toEqual({
      label: '📊 FREQUENTIE INFO',
      confidence: 'Midden',
      reason: 'Komt 6x voor. Onder standaardisatie-drempel (20).',
      article: '-',
      rule: 'MEDIUM_FREQUENCY',
    });
  });

  it('step 7 with conditions sections loaded', () => {
    expect(fallbackAdvice(1, 20, true)).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Laag',
      reason: 'Geen automatische match gevonden. Beoordeel handmatig of dit maatwerk is.',
      article: '-',
      rule: 'NO_MATCH',
    });
  });

  it('tailAdvice runs 5, 6, 7 in order', () => {
    const settings = { minFrequency: 20, maxTextLength: 800 };
    expect(tailAdvice({ text: 'x'.repeat(900), freq: 30 }, settings, false).rule).toBe('FREQUENT');
    expect(tailAdvice({ text: 'x'.repeat(900), freq: 3 }, settings, true).rule).toBe('LONG_TEXT');
    expect(tailAdvice({ text: 'kort', freq: 3 }, settings, false).rule).toBe('LOW_FREQUENCY');
  });

  it('SHORT_TEXT advice', () => {
    expect(shortTextAdvice()).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Laag',
      reason: 'Tekst te kort voor automatische analyse.',
      article: '-',
      rule: 'SHORT_TEXT',
    });
  });
});

describe('article references (§9.8)', () => {
  const section = { documentId: 'voorwaarden.pdf', page: 4 };

  it('articles: `{id} – {title}` with an en dash, or the id alone', () => {
    expect(sectionReference({ ...section, id: 'Art 2.8', title: 'Fraude' })).toBe('Art 2.8 \u2013 Fraude');
    expect(sectionReference({ ...section, id: 'Art 2.2', title: '' })).toBe('Art 2.2');
  });

  it('articles longer than 80 characters: first 77 + `...`', () => {
    const title = 'Aansprakelijkheid van de verzekerde voor schade aan zaken van derden binnen en buiten het woonhuis';
    const reference = sectionReference({ ...section, id: 'Art 3.14', title });
    expect(reference).toHaveLength(80);
    expect(reference).toBe(`${`Art 3.14 \u2013 ${title}`.slice(0, 77)}...`);
    const exactly80 = `Art 1 \u2013 ${'a'.repeat(72)}`;
    expect(sectionReference({ ...section, id: 'Art 1', title: 'a'.repeat(72) })).toBe(exactly80);
  });

  it('other sections: document and page, or `pagina onbekend`', () => {
    expect(sectionReference({ ...section, id: 'Sec 3', title: 'DEKKING' })).toBe('voorwaarden.pdf, pagina 4');
    expect(sectionReference({ ...section, id: 'Inleiding', title: 'Inleiding' })).toBe('voorwaarden.pdf, pagina 4');
    expect(sectionReference({ documentId: 'voorwaarden.docx', page: null, id: 'Sec 1', title: 'Sectie 1' })).toBe(
      'voorwaarden.docx, pagina onbekend',
    );
  });
});
