import { describe, expect, it } from 'vitest';
import { detectPolicyColumn, detectTextColumn, normaliseHeaders, policyKey } from '../../engine/ingest/columns.ts';
import { InputError } from '../../engine/util/errors.ts';

const rowsOf = (...rows: string[][]) => rows.map((cells, i) => ({ sourceLine: i + 2, cells }));
const text = (headers: string[], rows = rowsOf(), policy: number | null = null, override = '') =>
  detectTextColumn(headers, rows, policy, override, 'p.xlsx, sheet "Blad1"', 'p.xlsx');
const policy = (headers: string[], override = '') => detectPolicyColumn(headers, override, 'p.xlsx, sheet "Blad1"', 'p.xlsx');

describe('normaliseHeaders', () => {
  it('names missing headers Kolom {n} by 1-based position', () => {
    expect(normaliseHeaders(['', 'Tekst', '  ', 'Datum'])).toEqual(['Kolom 1', 'Tekst', 'Kolom 3', 'Datum']);
  });

  it('numbers repeated headers (2), (3), … and keeps the order', () => {
    expect(normaliseHeaders(['Tekst', 'Polis', 'Tekst', 'Tekst'])).toEqual(['Tekst', 'Polis', 'Tekst (2)', 'Tekst (3)']);
  });

  it('never produces a name that collides with another header', () => {
    expect(normaliseHeaders(['A', 'A', 'A (2)'])).toEqual(['A', 'A (3)', 'A (2)']);
    expect(normaliseHeaders(['Kolom 2', ''])).toEqual(['Kolom 2', 'Kolom 2 (2)']);
    expect(normaliseHeaders(['A', 'A (2)', 'A'])).toEqual(['A', 'A (2)', 'A (3)']);
  });

  it('leaves headers untouched otherwise (no trimming)', () => {
    expect(normaliseHeaders([' Tekst ', 'tekst'])).toEqual([' Tekst ', 'tekst']);
  });
});

describe('policy-number column (SPEC §4.4)', () => {
  it('reduces headers to keys', () => {
    expect(policyKey('Policy_Number')).toBe('policy number');
    expect(policyKey('  Polis nr. ')).toBe('polis nr');
    expect(policyKey('polisnummer (oud)')).toBe('polisnummer oud');
    expect(policyKey('ＰＯＬＩＳ－NR')).toBe('polis nr'); // NFKC folds full-width forms
  });

  it('matches the SPEC examples', () => {
    expect(policy(['Tekst', 'Polis nr.'])).toEqual({ index: 1, header: 'Polis nr.', rule: 'key' });
    expect(policy(['Tekst', 'polisnummer (oud)'])).toEqual({ index: 1, header: 'polisnummer (oud)', rule: 'key' });
    expect(policy(['Polisdatum', 'Geldigheid', 'Periode-id', 'Tekst'])).toBeNull();
  });

  it('tries the terms in order, then the columns in file order', () => {
    expect(policy(['Polis', 'Polisnr', 'Polisnummer'])!.header).toBe('Polisnummer');
    expect(policy(['Polis', 'POLISNR'])!.header).toBe('POLISNR');
    expect(policy(['Polis', 'Policy number'])!.header).toBe('Policy number');
    expect(policy(['Polis type', 'Polis'])!.header).toBe('Polis type');
    expect(policy(['Policy_Number', 'Tekst'])!.index).toBe(0);
    expect(policy(['Polisnummers'])).toBeNull(); // key must equal the term or continue with a space
    expect(policy(['Nummer', 'ID'])).toBeNull();
  });

  it('honours the override, including none', () => {
    expect(policy(['Polisnummer', 'Contract'], 'Contract')).toEqual({ index: 1, header: 'Contract', rule: 'override' });
    expect(policy(['Polisnummer', 'Contract'], ' contract ')).toEqual({ index: 1, header: 'Contract', rule: 'override' });
    expect(policy(['Polisnummer', 'Contract'], 'none')).toBeNull();
  });

  it('refuses an override that names no header, listing the headers', () => {
    expect(() => policy(['Polisnummer', 'Tekst'], 'Contractnr')).toThrow(InputError);
    expect(() => policy(['Polisnummer', 'Tekst'], 'Contractnr')).toThrow(
      'Column "Contractnr" (setting input.policyColumn) was not found in p.xlsx, sheet "Blad1". The headers are: "Polisnummer", "Tekst".',
    );
  });
});

describe('text column (SPEC §4.3)', () => {
  it('prefers the exact names in priority order', () => {
    expect(text(['Clausule', 'Tekst', 'Text'])).toEqual({ index: 1, header: 'Tekst', rule: 'exact' });
    expect(text(['Description', 'Vrije Tekst'])).toEqual({ index: 1, header: 'Vrije Tekst', rule: 'exact' });
  });

  it('then compares case-insensitively after trimming', () => {
    expect(text([' vrije tekst ', 'Omschrijving'])).toEqual({ index: 0, header: ' vrije tekst ', rule: 'case-insensitive' });
    expect(text(['TEKST', 'Clausule'])).toEqual({ index: 1, header: 'Clausule', rule: 'exact' });
    expect(text(['DESCRIPTION', 'clausule'])).toEqual({ index: 1, header: 'clausule', rule: 'case-insensitive' });
  });

  it('otherwise takes the longest average trimmed length over non-empty cells', () => {
    const rows = rowsOf(['1', 'kort', 'een veel langere omschrijving'], ['2', 'ook kort', ''], ['3', '', '   ']);
    expect(text(['Nr', 'Soort', 'Opmerking'], rows)).toEqual({ index: 2, header: 'Opmerking', rule: 'longest-average' });
  });

  it('counts code points and trims before measuring', () => {
    // "🛠️🛠️" is 4 code points (8 UTF-16 units); "abcde" is 5.
    const rows = rowsOf(['🛠️🛠️', '   abcde   ']);
    expect(text(['A', 'B'], rows).index).toBe(1);
  });

  it('breaks ties to the leftmost column', () => {
    expect(text(['A', 'B'], rowsOf(['abc', 'xyz'])).index).toBe(0);
    expect(text(['A', 'B'], rowsOf()).index).toBe(0); // header-only: everything averages 0
  });

  it('uses only the first 1000 data rows', () => {
    const rows = [
      ...Array.from({ length: 1000 }, () => ['aaaaaaaaaa', 'b']),
      ...Array.from({ length: 5000 }, () => ['', 'b'.repeat(100)]),
    ].map((cells, i) => ({ sourceLine: i + 2, cells }));
    expect(text(['A', 'B'], rows).index).toBe(0);
  });

  it('never chooses the policy column', () => {
    const rows = rowsOf(['een heel lang polisnummer van vele tekens', 'kort']);
    expect(text(['Polisnummer', 'Notitie'], rows, 0)).toEqual({ index: 1, header: 'Notitie', rule: 'longest-average' });
  });

  it('honours the override (exact, then case-insensitive trimmed)', () => {
    expect(text(['Tekst', 'Memo'], rowsOf(), null, 'Memo')).toEqual({ index: 1, header: 'Memo', rule: 'override' });
    expect(text(['Tekst', 'Memo'], rowsOf(), null, '  memo')).toEqual({ index: 1, header: 'Memo', rule: 'override' });
  });

  it('refuses an override that names no header, listing the headers', () => {
    expect(() => text(['Polisnummer', 'Tekst'], rowsOf(), 0, 'Clausuletekst')).toThrow(
      /Column "Clausuletekst" \(setting input\.textColumn\) was not found in p\.xlsx, sheet "Blad1"\. The headers are: "Polisnummer", "Tekst"\. Set input\.textColumn/,
    );
  });

  it('refuses a table without a text-like column', () => {
    expect(() => text(['Polisnummer'], rowsOf(['1']), 0)).toThrow(InputError);
    expect(() => text(['Polisnummer'], rowsOf(['1']), 0)).toThrow(
      /p\.xlsx, sheet "Blad1" has no text-like column: there is no column besides the policy-number column "Polisnummer"/,
    );
  });
});
