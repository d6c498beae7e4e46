import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from '../../engine/ingest/index.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0)!);

describe('decodeText (SPEC §4.2 encodings)', () => {
  it('removes a UTF-8 BOM', () => {
    const result = decodeText(bytes(0xef, 0xbb, 0xbf, 0x41, 0xe2, 0x82, 0xac));
    expect(result).toEqual({ text: 'A€', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE with its BOM removed', () => {
    const result = decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0xac, 0x20, 0x3b, 0x00));
    expect(result).toEqual({ text: 'A€;', encoding: 'utf-16le' });
  });

  it('reads UTF-16 BE with its BOM removed', () => {
    const result = decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x20, 0xac, 0x00, 0x3b));
    expect(result).toEqual({ text: 'A€;', encoding: 'utf-16be' });
  });

  it('reads valid UTF-8 without BOM strictly', () => {
    const text = 'Schade € 250 – “glas” ‘ruit’ café 🛠️';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads an empty file as empty UTF-8', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when any byte sequence is invalid UTF-8, keeping € and curly quotes', () => {
    // "€ 5 ‘a’ “b” café" in Windows-1252; 0x80 alone is invalid UTF-8.
    const result = decodeText(bytes(0x80, 0x20, 0x35, 0x20, 0x91, 0x61, 0x92, 0x20, 0x93, 0x62, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9));
    expect(result).toEqual({ text: '€ 5 ‘a’ “b” café', encoding: 'windows-1252' });
  });

  it('falls back to Windows-1252 even when most of the file is valid UTF-8', () => {
    const valid = new TextEncoder().encode('abc ');
    const result = decodeText(Uint8Array.from([...valid, 0xe9]));
    expect(result).toEqual({ text: 'abc é', encoding: 'windows-1252' });
  });

  it('maps the undefined Windows-1252 bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D to the same code points', () => {
    expect(codePoints(decodeWindows1252(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d)))).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    expect(decodeText(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d)).encoding).toBe('windows-1252');
  });

  it('maps the whole 0x80–0x9F range of Windows-1252', () => {
    const high = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(high).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('maps the other bytes to the same code points (Latin-1 range)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    for (let b = 0; b < 256; b++) if (b < 0x80 || b > 0x9f) expect(text.charCodeAt(b)).toBe(b);
  });

  it('decodes large inputs (chunked) without losing bytes', () => {
    const big = new Uint8Array(100_000).fill(0x80);
    expect(decodeWindows1252(big)).toBe('€'.repeat(100_000));
  });
});
