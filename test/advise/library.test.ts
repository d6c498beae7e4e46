import { describe, expect, it } from 'vitest';
import { readLibrary } from '../../engine/advise/inputs/library.ts';
import { InputError } from '../../engine/util/errors.ts';
import { LIBRARY_CLAUSES } from '../../fixtures/reference/content.ts';
import { reference, tempFolder } from './helpers.ts';
import { warningText } from '../../engine/util/warnings.ts';

describe('clause library (§4.7)', () => {
  it('reads the reference library (sheet Clausules, Code/Tekst/Categorie)', async () => {
    const { entries, warnings } = await readLibrary([reference('clausulebibliotheek.xlsx')]);
    expect(warnings).toEqual([]);
    expect(entries).toHaveLength(LIBRARY_CLAUSES.length);
    expect(entries[0]).toEqual({
      code: 'VB01',
      text: LIBRARY_CLAUSES[0]!.text,
      simplified: expect.stringMatching(/^op deze verzekering zijn de algemene voorwaarden/),
      category: 'Algemeen',
      description: '',
    });
    expect(entries.find((e) => e.code === 'NHT1')?.category).toBe('Uitsluiting');
  });

  const folder = tempFolder();

  it('accepts header aliases, trims, defaults the category and skips short or incomplete rows', async () => {
    const csv = [
      ' Clausulecode ;CONTENT;Type;Omschrijving',
      'A1;  Dit is een clausule met genoeg tekst.  ;;Eerste',
      'A2;Te kort;Dekking;',
      ';Tekst zonder code is geen entry.;Dekking;',
      'A3;Precies 11c;Dekking;',
      'A4;Nog een clausule met genoeg tekst.;Uitsluiting;Vierde',
    ].join('\n');
    const file = await folder.write('lib.csv', csv);
    const { entries } = await readLibrary([file]);
    expect(entries.map((e) => [e.code, e.text, e.category, e.description])).toEqual([
      ['A1', 'Dit is een clausule met genoeg tekst.', 'Algemeen', 'Eerste'],
      ['A3', 'Precies 11c', 'Dekking', ''],
      ['A4', 'Nog een clausule met genoeg tekst.', 'Uitsluiting', 'Vierde'],
    ]);
  });

  it('keeps duplicate codes, in order, with a warning', async () => {
    const file = await folder.write('dup.csv', 'code;tekst\nD1;Eerste tekst van de clausule.\nD1;Tweede tekst van de clausule.\n');
    const { entries, warnings } = await readLibrary([file]);
    expect(entries.map((e) => e.text)).toEqual(['Eerste tekst van de clausule.', 'Tweede tekst van de clausule.']);
    expect(warnings).toHaveLength(1);
    expect(warningText(warnings[0]!)).toContain('D1 (2x)');
  });

  it('a library without a code column is an InputError naming the file (when no other library is usable)', async () => {
    const file = reference('broken/library-no-code.xlsx');
    const error = await readLibrary([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(file);
    expect((error as InputError).message).toMatch(/no code column/);
  });

  it('a file without the columns is skipped with a warning when another library is usable', async () => {
    const { entries, warnings } = await readLibrary([reference('broken/library-no-code.xlsx'), reference('clausulebibliotheek.xlsx')]);
    expect(entries).toHaveLength(LIBRARY_CLAUSES.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.id).toBe('library.missingColumns');
    expect(warningText(warnings[0]!)).toContain('library-no-code.xlsx');
    expect(warningText(warnings[0]!)).toContain('skipped');
  });

  it('an empty library is an InputError "contains no entries"', async () => {
    const file = reference('broken/empty-library.xlsx');
    const error = await readLibrary([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/clause library .* contains no entries/i);
    expect((error as InputError).file).toBe(file);
  });

  it('refuses other extensions', async () => {
    const file = await folder.write('lib.txt', 'code;tekst');
    await expect(readLibrary([file])).rejects.toThrow(/unsupported extension.*\.xlsx, \.csv/);
  });

  it('no files → no entries', async () => {
    expect(await readLibrary([])).toEqual({ entries: [], warnings: [] });
  });
});
