import { describe, expect, it } from 'vitest';
import { normaliseUnicode, simplify } from '../../engine/normalise/simplify.ts';

describe('simplify (SPEC §5.1)', () => {
  it.each([
    ['Eigen risico € 2.500,- per schade', 'eigen risico 2500 per schade'],
    ['  Let op:\tDEZE  polis ', 'let op deze polis'],
    ["Auto's en motorrijtuigen, art. 7:960 BW", 'autos en motorrijtuigen art 7960 bw'],
    ['ﬁnanciering ＥＵＲ１２', 'financiering eur12'],
  ])('SPEC example %j', (raw, expected) => {
    expect(simplify(raw)).toBe(expected);
  });

  it('fuses digit groups', () => {
    expect(simplify('100.000,00')).toBe('10000000');
    expect(simplify('7:960')).toBe('7960');
  });

  it('deletes format characters instead of turning them into spaces', () => {
    expect(simplify('\uFEFFver\u200Bzeke\u00ADring')).toBe('verzekering');
    expect(normaliseUnicode('a\u200Bb')).toBe('ab');
  });

  it('keeps letters with marks, digits and underscores; collapses every Unicode whitespace', () => {
    expect(simplify('Beëindigd  PRIVÉ\u00A0\u2003snake_case\n\r\n x')).toBe('beëindigd privé snake_case x');
    expect(simplify('e\u0301')).toBe('é');
  });

  it('turns punctuation-only and empty texts into the empty string', () => {
    expect(simplify('')).toBe('');
    expect(simplify(' -- ; !! ')).toBe('');
    expect(simplify('a - b')).toBe('a b');
  });

  it('deletes emoji and symbols, including astral code points', () => {
    expect(simplify('😀 Let op € & % @ 𝟏')).toBe('let op 1');
  });

  it('keeps a variation selector: U+FE0F is a mark (Mn), hence a word character', () => {
    expect(simplify('🛠️ Let op')).toBe('\uFE0F let op');
  });

  it('is idempotent', () => {
    for (const text of ['Eigen risico € 2.500,-', 'ﬁnanciering ＥＵＲ１２', 'Ａ b\tC']) {
      expect(simplify(simplify(text))).toBe(simplify(text));
    }
  });
});

describe('normaliseUnicode', () => {
  it('agrees with NFKC + deleting Cf on the characters of its fast path and around it', () => {
    const samples = [
      'Eigen risico € 2.500,- per schade',
      'Geëindigd, beëindigd; privé × ÷ “quote” ‘x’ – —',
      'e\u0301 à\u0300 A\u030A',
      '\u00A0\u00AD\u00BD\u00B2 ﬁ',
      '\u007F\u0085\u2028',
    ];
    for (const text of samples) expect(normaliseUnicode(text)).toBe(text.normalize('NFKC').replace(/\p{Cf}/gu, ''));
    // every code point of the fast path, alone and followed by a combining mark
    const fast = [
      ...Array(0x7f).keys(),
      ...Array.from({ length: 0x40 }, (_, i) => 0xc0 + i),
      ...[0x20ac, 0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014],
    ];
    for (const cp of fast) {
      const text = `${String.fromCodePoint(cp)}a${String.fromCodePoint(cp)}`;
      expect(normaliseUnicode(text)).toBe(text.normalize('NFKC'));
      expect(normaliseUnicode(`${text}\u0308`)).toBe(`${text}\u0308`.normalize('NFKC'));
    }
  });
});
