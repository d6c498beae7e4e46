import { describe, expect, it } from 'vitest';
import { cutToCellLimit, escapeForExcel, needsQuotePrefix, removeXmlIllegal, safeCellText } from '../../engine/report/cells.ts';

describe('cell safety (SPEC §10.4)', () => {
  it('removes the characters XML cannot hold', () => {
    let controls = '';
    for (let c = 0; c < 0x20; c++) controls += String.fromCharCode(c);
    expect(removeXmlIllegal(`a${controls}b`)).toBe('a\t\n\rb');
    expect(removeXmlIllegal('x\uD800y\uDC00z')).toBe('xyz'); // lone surrogates
    expect(removeXmlIllegal('x\uDC00\uD800y')).toBe('xy'); // reversed pair: both lone
    expect(removeXmlIllegal('\uFFFE\uFFFFok')).toBe('ok');
  });

  it('alters nothing else', () => {
    const text = 'Café € 1.000,– \u00A0\u200B\u00AD \u{1F6E0}\u{FE0F} 😀 \t\r\n «»\u007F\u0085\uFFFD';
    expect(removeXmlIllegal(text)).toBe(text);
    expect(safeCellText(text)).toMatchObject({ text, shortened: false, quotePrefix: false });
  });

  it('cuts texts over 32 767 characters to 32 750 + [...]', () => {
    expect(cutToCellLimit('a'.repeat(32_767))).toEqual({ text: 'a'.repeat(32_767), shortened: false });
    const cut = cutToCellLimit('b'.repeat(32_768));
    expect(cut.shortened).toBe(true);
    expect(cut.text).toBe(`${'b'.repeat(32_750)}[...]`);
    expect(cut.text.length).toBe(32_755);
  });

  it('never splits a surrogate pair and keeps within the UTF-16 limit of Excel', () => {
    const cut = cutToCellLimit('😀'.repeat(20_000)); // 20 000 code points, 40 000 UTF-16 units
    expect(cut.shortened).toBe(true);
    expect(cut.text.endsWith('[...]')).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(32_767);
    expect(removeXmlIllegal(cut.text)).toBe(cut.text);
  });

  it('counts illegal characters as removed before measuring the length', () => {
    const text = `${'c'.repeat(32_767)}\u0000\u0001`;
    expect(safeCellText(text)).toMatchObject({ text: 'c'.repeat(32_767), shortened: false });
  });

  it.each(['=SUM(A1)', '+31 6 1234', '-5', '@x', '\tTAB', '\rCR'])('quote-prefixes %j', (text) => {
    expect(needsQuotePrefix(text)).toBe(true);
    expect(safeCellText(text).text).toBe(text);
  });

  it.each(['SUM(A1)', ' =1', 'a=b', '', '\nLF', '3+4'])('does not quote-prefix %j', (text) => {
    expect(needsQuotePrefix(text)).toBe(false);
  });

  it('looks at the first character left after removing illegal ones', () => {
    expect(safeCellText('\u0001=1')).toMatchObject({ text: '=1', quotePrefix: true });
  });

  it('escapes CR, DEL and literal _xHHHH_ for Excel so they read back unchanged', () => {
    expect(escapeForExcel('a\rb\u007Fc')).toBe('a_x000D_b_x007F_c');
    expect(escapeForExcel('_x000D_ and _x00ff_ and _x12_')).toBe('_x005F_x000D_ and _x005F_x00ff_ and _x12_');
    expect(escapeForExcel('plain_text')).toBe('plain_text');
  });

});
