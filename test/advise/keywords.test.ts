import { describe, expect, it } from 'vitest';
import { KEYWORD_RULES, keywordAdvice } from '../../engine/advise/rules/keywords.ts';
import { simplify } from '../../engine/normalise/simplify.ts';

const advise = (raw: string) => keywordAdvice(simplify(raw));

describe('keyword rules (§9.6, Appendix B)', () => {
  it('has the 18 rules in evaluation order', () => {
    expect(KEYWORD_RULES.map((r) => r.name)).toEqual([
      'fraude', 'rangorde', 'molest', 'evacuatie', 'uitsluiting_kunst', 'braak_clausule', 'vervangende_woonruimte', 'juwelen_sieraden',
      'alarm_beveiliging', 'monumenten', 'secundaire_dekking', 'buitenland', 'verhuur', 'taxatie', 'overdekking', 'sanctie_wetgeving',
      'terrorisme', 'annulering',
    ]);
  });

  it('fraude: advice, article, reason and rule id', () => {
    expect(advise('Bij fraude vervalt ieder recht op uitkering.')).toEqual({
      label: 'VERWIJDEREN',
      confidence: 'Hoog',
      reason: 'Fraude is al uitgesloten in voorwaarden (Art 2.8/3.3).',
      article: 'Art 2.8',
      rule: 'KEYWORD_FRAUDE',
    });
  });

  it('respects the maximum length on |simple|', () => {
    const base = 'Bij fraude vervalt ieder recht op uitkering';
    const atLimit = `${base} ${'x'.repeat(400 - base.length - 1)}`;
    expect(simplify(atLimit)).toHaveLength(400);
    expect(keywordAdvice(simplify(atLimit))?.rule).toBe('KEYWORD_FRAUDE');
    expect(keywordAdvice(simplify(`${atLimit}y`))).toBeNull();
  });

  it('`strijd` matches at a word start only: not in `bestrijding`', () => {
    expect(advise('Kosten van ongediertebestrijding zijn meeverzekerd.')).toBeNull();
    expect(advise('Bij strijdigheid gaat de polis voor.')?.rule).toBe('KEYWORD_RANGORDE');
    expect(advise('Rangorde: de clausules gaan voor.')?.article).toBe('Art 9.1');
  });

  it('`7:960` is simplified to `7960` and matches as inclusion keyword', () => {
    expect(advise('Taxatie volgens art. 7:960 BW is van toepassing.')).toEqual({
      label: 'HANDMATIG CHECKEN',
      confidence: 'Midden',
      reason: 'Taxatieclausule - controleer of taxatie nog geldig is (max 3 jaar).',
      article: 'Art 7:960 BW',
      rule: 'KEYWORD_TAXATIE',
    });
    expect(advise('Er is een taxatie uitgevoerd door een deskundige.')).toBeNull();
  });

  it('inclusion keywords are required when the rule has them', () => {
    expect(advise('Molest is uitgesloten op deze polis.')).toBeNull();
    expect(advise('Molest is meeverzekerd tot € 50.000.')).toMatchObject({ label: 'BEHOUDEN (CLAUSULE)', rule: 'KEYWORD_MOLEST' });
    expect(advise('Schade aan kunst en antiek is uitgesloten.')).toMatchObject({ label: 'BEHOUDEN (MAATWERK)', rule: 'KEYWORD_UITSLUITING_KUNST' });
    expect(advise('Alarm met doormelding naar PAC verplicht.')).toMatchObject({
      label: 'BEHOUDEN (VERPLICHTING)',
      rule: 'KEYWORD_ALARM_BEVEILIGING',
    });
  });

  it('short keywords need an end boundary (`nht`, `pac`)', () => {
    expect(advise('Het clausuleblad van de NHT is van toepassing.')?.rule).toBe('KEYWORD_TERRORISME');
    expect(advise('De nhtx regeling geldt hier niet meer.')).toBeNull();
    expect(advise('Alarm met pakket en pacht geregeld.')).toBeNull();
  });

  it('multi-word keywords and the first applicable rule wins', () => {
    expect(advise('Kosten van vervangende woonruimte tot € 25.000.')).toMatchObject({ article: 'Art 10', rule: 'KEYWORD_VERVANGENDE_WOONRUIMTE' });
    expect(advise('Fraude door terrorisme en sanctiewetgeving.')?.rule).toBe('KEYWORD_FRAUDE');
    expect(advise('Sanctiewetgeving is van toepassing.')).toMatchObject({ article: 'Art 7', rule: 'KEYWORD_SANCTIE_WETGEVING' });
    expect(advise('Annuleringskosten voor een reis zijn gedekt.')).toMatchObject({ article: 'Art 9', rule: 'KEYWORD_ANNULERING' });
    expect(advise('Het pand staat op de monumentenlijst.')).toMatchObject({ confidence: 'Hoog', rule: 'KEYWORD_MONUMENTEN' });
  });

  it('returns null when no rule applies', () => {
    expect(advise('Glas in lood is meeverzekerd tot een maximum.')).toBeNull();
  });
});
