import { describe, expect, it } from 'vitest';
import { clusterName, productCode } from '../../engine/cluster/names.ts';

const length = (text: string): number => [...text].length;

describe('clusterName (SPEC §8.4)', () => {
  it.each([
    ['Terrorismeclausule NHT: …', 'NHT Terrorisme Clausule'],
    ['Terrorismeclausule NHT: de dekking voor schade door terrorisme is beperkt', 'NHT Terrorisme Clausule'],
    ['VB1 # Als medeverzekerde is aangetekend …', 'VB1 # Als medeverzekerde is'],
    ['VB1 # Als medeverzekerde is aangetekend de eigenaar van het pand', 'VB1 # Als medeverzekerde is'],
    ['Premie naverrekening 9NX3 …', '9NX3 Premie Naverrekening'],
    ['In afwijking van artikel 2.14 is molest meeverzekerd tot € 100.000', 'Molest Dekking'],
  ])('SPEC example %j', (raw, expected) => {
    expect(clusterName(raw)).toBe(expected);
  });

  it('names an empty leader `Onbekend`', () => {
    expect(clusterName('')).toBe('Onbekend');
    expect(clusterName(' \t\n ')).toBe('Onbekend');
  });

  describe('code', () => {
    it('takes the first 3–4 character token of capitals and digits that contains a capital', () => {
      expect(productCode('Clausule 2024 en 100 en AB12 en XYZ')).toBe('AB12');
      expect(productCode('Bedrag EUR 500 volgens NHT')).toBe('NHT');
      expect(productCode('Zie 2024, 100 en 000')).toBe('');
      expect(productCode('ABCDE en AB en Abc')).toBe('');
      expect(productCode('xNHT en NHTx')).toBe('');
    });

    it('needs a digit when more than half of the letters are capitals', () => {
      expect(productCode('DEZE CLAUSULE GELDT VOOR NHT')).toBe('');
      expect(productCode('DEZE CLAUSULE GELDT VOOR NHT EN VB1')).toBe('VB1');
      expect(productCode('Deze clausule geldt voor NHT')).toBe('NHT');
    });

    it('prefixes the theme with the code', () => {
      expect(clusterName('Eigen risico 9NX3 bedraagt € 250')).toBe('9NX3 Eigen Risico Bepaling');
      expect(clusterName('EUR 250 eigen risico')).toBe('Eigen Risico Bepaling');
    });
  });

  describe('themes', () => {
    it('takes the first keyword in table order, not in text order', () => {
      expect(clusterName('Premie bij molest en terrorisme')).toBe('Terrorisme Clausule');
      expect(clusterName('De premie wordt jaarlijks vastgesteld')).toBe('Premie Bepaling');
      expect(clusterName('Sanctiewetgeving is van toepassing')).toBe('Sanctiewetgeving');
      expect(clusterName('Brandregres wordt niet uitgeoefend')).toBe('Brandregres');
      expect(clusterName('In de verzekerde hoedanigheid van eigenaar')).toBe('Doelgroepomschrijving');
      expect(clusterName('Dekking in het buitenland')).toBe('Buitenland Dekking');
      expect(clusterName('Rangorde van de voorwaarden')).toBe('Rangorde Bepaling');
      expect(clusterName('Jaarpremie naverrekening')).toBe('Premie Naverrekening');
    });
  });

  describe('key terms', () => {
    it('capitalises the callback terms in text order, prefixed with the code when not among them', () => {
      const keyTerms = (): string[] => ['medeverzekerde', 'aangetekend', 'eigenaar'];
      expect(clusterName('VB1 # Als medeverzekerde is aangetekend de eigenaar', { keyTerms })).toBe(
        'VB1 Medeverzekerde Aangetekend Eigenaar',
      );
      expect(clusterName('Als medeverzekerde is aangetekend de eigenaar', { keyTerms })).toBe(
        'Medeverzekerde Aangetekend Eigenaar',
      );
      expect(clusterName('Clausule 9NX3 voor woning', { keyTerms: () => ['clausule', '9nx3', 'woning'] })).toBe(
        'Clausule 9NX3 Woning',
      );
    });

    it('passes the trimmed leader text; themes win over key terms', () => {
      let seen = '';
      const keyTerms = (text: string): string[] => {
        seen = text;
        return ['woning'];
      };
      expect(clusterName('  Woning onbewoond  ', { keyTerms })).toBe('Woning');
      expect(seen).toBe('Woning onbewoond');
      expect(clusterName('Het eigen risico bedraagt', { keyTerms })).toBe('Eigen Risico Bepaling');
    });

    it('cuts long key-term names to 47 characters and `...`; falls back when there are no key terms', () => {
      const keyTerms = (): string[] => ['verzekeringsovereenkomst', 'aansprakelijkheidsverzekering', 'bedrijven'];
      const name = clusterName('lange tekst', { keyTerms });
      expect(name).toBe('Verzekeringsovereenkomst Aansprakelijkheidsverz...');
      expect(length(name)).toBe(50);
      expect(clusterName('Korte tekst hier', { keyTerms: () => [] })).toBe('Korte tekst hier');
    });
  });

  describe('fallback', () => {
    it('takes the first five words, prefixed with the code when it is not among them', () => {
      expect(clusterName('Dit is een korte tekst met meer woorden')).toBe('Dit is een korte tekst');
      expect(clusterName('Twee woorden')).toBe('Twee woorden');
      expect(clusterName('Dit is een korte tekst voor AB12')).toBe('AB12 Dit is een korte tekst');
      expect(clusterName('Clausule NHT: dit is kort')).toBe('Clausule NHT: dit is kort');
      expect(clusterName('Dit  is\teen\nkorte tekst')).toBe('Dit is een korte tekst');
    });

    it('cuts over 50 characters back to the last space, without `...`', () => {
      const name = clusterName('Verzekeringsovereenkomsten aansprakelijkheidsverzekeringen bedrijfsmatig gebruik');
      expect(name).toBe('Verzekeringsovereenkomsten');
      const single = 'A'.repeat(10) + 'b'.repeat(60);
      expect(clusterName(single)).toBe(single.slice(0, 50));
    });

    it('counts code points, not UTF-16 units', () => {
      const word = '𝔸𝔹𝔻𝔼𝔽𝔾𝕀𝕁𝕂'; // 9 code points, 18 UTF-16 units
      const five = Array(5).fill(word).join(' ');
      expect(length(five)).toBe(49);
      expect(clusterName(`${five} en meer`)).toBe(five);
      const long = 'ö'.repeat(48) + '𝔸 volgende';
      expect(clusterName(long)).toBe('ö'.repeat(48) + '𝔸');
    });
  });
});
