import { describe, expect, it } from 'vitest';
import { codePointLabel, findDates, qualityAdvice } from '../../engine/advise/rules/quality.ts';

const REF = '2026-01-01';
const check = (text: string, ref = REF) => qualityAdvice(text, ref);

describe('Appendix C examples (referenceDate 2026-01-01)', () => {
  it('Beveiliging dient uiterlijk 01-03-2020 operationeel te zijn. → VERLOPEN', () => {
    expect(check('Beveiliging dient uiterlijk 01-03-2020 operationeel te zijn.')).toEqual({
      label: '📅 VERWIJDEREN (VERLOPEN)',
      confidence: 'Hoog',
      reason: 'VEROUDERD: Verlopen deadline/termijn gevonden: 01-03-2020',
      article: '-',
      rule: 'ADMIN_VEROUDERD',
    });
  });

  it('Taxatie uitgevoerd op 15-06-2019 door expert → taxation check', () => {
    expect(check('Taxatie uitgevoerd op 15-06-2019 door expert')).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Hoog',
      reason: 'VEROUDERD: Taxatierapport ouder dan 3 jaar (15-06-2019). Controleer of hertaxatie nodig is.',
      article: '-',
      rule: 'ADMIN_VEROUDERD',
    });
  });

  it('Taxatierapport d.d. 01-01-2015 … → no hit', () => {
    expect(check('Taxatierapport d.d. 01-01-2015 is bij de polis gevoegd.')).toBeNull();
  });

  it('De premie wordt voor 1 januari 2021 betaald → VERLOPEN', () => {
    const advice = check('De premie wordt voor 1 januari 2021 betaald');
    expect(advice?.label).toBe('📅 VERWIJDEREN (VERLOPEN)');
    expect(advice?.reason).toBe('VEROUDERD: Verlopen deadline/termijn gevonden: 1 januari 2021');
  });

  it('Geboren op 12-05-1970 → no hit', () => {
    expect(check('Geboren op 12-05-1970')).toBeNull();
  });
});

describe('C1–C5', () => {
  it('C1 LEEG on empty or whitespace-only text', () => {
    for (const text of ['', '   ', '\t\n\u00a0']) {
      expect(check(text)).toEqual({ label: '⚪ LEEG', confidence: 'Hoog', reason: 'LEEG: Tekst is leeg', article: '-', rule: 'ADMIN_LEEG' });
    }
  });

  it('C2 TE_KORT counts code points of the trimmed text', () => {
    expect(check('  Zie polis  ')).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Hoog',
      reason: 'TE_KORT: Tekst is te kort (9 tekens)',
      article: '-',
      rule: 'ADMIN_TE_KORT',
    });
    expect(check('😀😀😀😀😀😀😀😀😀')?.reason).toBe('TE_KORT: Tekst is te kort (9 tekens)');
    expect(check('Zie polis!')?.rule).not.toBe('ADMIN_TE_KORT');
  });

  it.each([
    ['Verzekerd bedrag is [BEDRAG] per jaar', '[BEDRAG]'],
    ['Het adres is [Vul hier het adres in] volgens opgave', '[Vul hier het adres in]'],
    ['Risicoadres: XXX, plaats onbekend', 'XXX'],
    ['Naam verzekerde: ______ bij deze polis', '______'],
    ['Het bedrag is ..... euro per jaar', '.....'],
    ['Het eigen risico bedraagt € -- per schade', '€ --'],
    ['Geldig tot ??? bij deze polis', '???'],
  ])('C3 PLACEHOLDER %s', (text, match) => {
    expect(check(text)).toEqual({
      label: '📝 AANVULLEN',
      confidence: 'Hoog',
      reason: `PLACEHOLDER: Tekst bevat placeholder: '${match}'`,
      article: '-',
      rule: 'ADMIN_PLACEHOLDER',
    });
  });

  it('C3 takes the first pattern in order, not the first position', () => {
    expect(check('Vul in: ____ en [naam] graag')?.reason).toBe("PLACEHOLDER: Tekst bevat placeholder: '[naam]'");
  });

  it('C3 ignores bracketed numbers, x inside words and short runs', () => {
    expect(check('Zie voetnoot [1] bij deze verzekering')).toBeNull();
    expect(check('De taxxxi rijdt naar het woonhuis')).toBeNull();
    expect(check('Zie de lijst... hieronder voor details')).toBeNull();
  });

  it('C4 ENCODING: mojibake in list order, control characters as U+XXXX', () => {
    expect(check('De verzekerde heeft een caf\u00c3\u00a9 aan huis')?.reason).toBe("ENCODING: Tekst bevat encoding-fouten: 'Ã©'");
    expect(check('Het is verzekerdâ€™s eigen risico en â€ meer')?.reason).toBe("ENCODING: Tekst bevat encoding-fouten: 'â€™'");
    expect(check('Tekst met een bel\u0007 teken erin')).toEqual({
      label: '🧹 OPSCHONEN',
      confidence: 'Hoog',
      reason: "ENCODING: Tekst bevat encoding-fouten: 'U+0007'",
      article: '-',
      rule: 'ADMIN_ENCODING',
    });
    expect(check('Tekst met een C1-teken \u0085 erin')?.reason).toBe("ENCODING: Tekst bevat encoding-fouten: 'U+0085'");
    expect(check('Tekst met tab\ten regeleinde\r\nis goed')).toBeNull();
    expect(codePointLabel('\u001f')).toBe('U+001F');
  });

  it('C5 ONLEESBAAR: replacement character, or too few letters with {p}%', () => {
    expect(check('Verzekerd bedrag \uFFFD per jaar')).toEqual({
      label: '❌ ONLEESBAAR',
      confidence: 'Midden',
      reason: 'ONLEESBAAR: Tekst bevat onleesbare tekens',
      article: '-',
      rule: 'ADMIN_ONLEESBAAR',
    });
    // 22 non-whitespace characters, 5 letters → 22%.
    expect(check('abcde 12345 67890 12345 67')?.reason).toBe('ONLEESBAAR: Tekst bevat te weinig letters (22% letters)');
    // Under 20 non-whitespace characters: not judged.
    expect(check('12345 67890 1234 ab')).toBeNull();
    // Counted in code points: astral letters (𝐀) count once, no-break and ideographic spaces are whitespace, a lone
    // surrogate is a visible non-letter. 24 visible, 6 letters → 25%: just readable; 25 visible, 5 letters → 20%.
    expect(check('𝐀𝐁𝐂𝐃𝐄𝐅\u00a0123456789\u3000123456\ud800 12')).toBeNull();
    expect(check('𝐀𝐁𝐂𝐃𝐄\u00a012345678901\u3000123456\ud800 12')?.reason).toBe('ONLEESBAAR: Tekst bevat te weinig letters (20% letters)');
  });
});

describe('C6 expired dates', () => {
  it('ignores future dates, the reference date itself and dates without an expiry context', () => {
    expect(check('Beveiliging dient uiterlijk 01-03-2027 operationeel te zijn.')).toBeNull();
    expect(check('Beveiliging dient uiterlijk 01-01-2026 operationeel te zijn.')).toBeNull();
    expect(check('Op 01-03-2020 is de dekking uitgebreid met glas.')).toBeNull();
  });

  it('ignores impossible dates', () => {
    expect(findDates('uiterlijk 31-02-2020 en 2020-13-01 en 29-02-2019')).toEqual([]);
    expect(findDates('uiterlijk 29-02-2020').map((d) => d.date)).toEqual([{ year: 2020, month: 2, day: 29 }]);
    expect(check('Beveiliging dient uiterlijk 31-02-2020 operationeel te zijn.')).toBeNull();
  });

  it('finds dates in text order across the three patterns', () => {
    const found = findDates('per 2019/05/01 en uiterlijk 3 maart 2018 of 02/01/2017');
    expect(found.map((d) => d.written)).toEqual(['2019/05/01', '3 maart 2018', '02/01/2017']);
  });

  it('keeps {date} as written', () => {
    expect(check('Het alarm dient uiterlijk 1 Maart 2020 operationeel te zijn')?.reason).toBe(
      'VEROUDERD: Verlopen deadline/termijn gevonden: 1 Maart 2020',
    );
  });

  it('the first matching context group decides (reference, birth and legal before expiry)', () => {
    expect(check('Volgens overzicht geldig tot 01-01-2020 voor deze polis')).toBeNull();
    expect(check('Geboortedatum 01-01-1980, uiterlijk aanwezig')).toBeNull();
    expect(check('Conform de wet van 01-07-2015 geldt dit uiterlijk')).toBeNull();
    expect(check('Voorwaarden versie 01-01-2019, geldig tot nader order')).toBeNull();
  });

  it('`voor` counts only as the word directly before the date', () => {
    expect(check('Betaling vóór 01-06-2024 aan de verzekeraar')?.rule).toBe('ADMIN_VEROUDERD');
    expect(check('Dekking voor het woonhuis in de periode 01-06-2024 bevestigd')).toBeNull();
  });

  it('keywords match at word starts only (`dd` inside a word is no reference keyword)', () => {
    expect(check('De middag van 01-06-2024 is de deadline')?.rule).toBe('ADMIN_VEROUDERD');
  });

  it('the context is 100 code points either side', () => {
    const far = `Deadline ${'a'.repeat(95)} 01-06-2024`;
    expect(check(far)).toBeNull();
    const near = `Deadline ${'a'.repeat(85)} 01-06-2024`;
    expect(check(near)?.rule).toBe('ADMIN_VEROUDERD');
  });

  it('taxation dates flag only when more than three years old, on exact dates', () => {
    expect(check('Taxatie uitgevoerd op 02-01-2023 door expert')).toBeNull();
    expect(check('Taxatie uitgevoerd op 01-01-2023 door expert')).toBeNull();
    expect(check('Taxatie uitgevoerd op 31-12-2022 door expert')?.label).toBe('HANDMATIG CHECKEN');
    expect(check('Getaxeerd op 29-02-2020, herbouw', '2023-02-28')).toBeNull();
    expect(check('Getaxeerd op 29-02-2020, herbouw', '2023-03-01')?.label).toBe('HANDMATIG CHECKEN');
  });

  it('a flagged date in a text about a taxation report gives the taxation reason', () => {
    expect(check('Hertaxatie moet uiterlijk 01-01-2021 zijn ontvangen; zie rapport')?.reason).toBe(
      'VEROUDERD: Taxatierapport ouder dan 3 jaar (01-01-2021). Controleer of hertaxatie nodig is.',
    );
  });

  it('earlier checks win over C6', () => {
    expect(check('Uiterlijk [datum] of 01-01-2020 operationeel')?.rule).toBe('ADMIN_PLACEHOLDER');
  });

  it('accepts the reference date as a calendar date and rejects malformed ones', () => {
    expect(qualityAdvice('Beveiliging dient uiterlijk 01-03-2020 operationeel te zijn.', { year: 2020, month: 3, day: 1 })).toBeNull();
    expect(() => qualityAdvice('Beveiliging dient uiterlijk 01-03-2020 operationeel', '2026-1-1')).toThrow(/YYYY-MM-DD/);
  });
});
