import { describe, expect, it } from 'vitest';
import { looksLikeInstructionFile, parseFreeFormInstructions, readInstructions } from '../../engine/advise/inputs/instructions.ts';
import { REFERENCE_INSTRUCTIONS } from '../../fixtures/reference/content.ts';
import { reference, tempFolder } from './helpers.ts';
import { warningText } from '../../engine/util/warnings.ts';

describe('custom instructions, free form (§4.8)', () => {
  it('one-line blocks with →, -> and >; the first arrow splits', () => {
    const { instructions, warnings } = parseFreeFormInstructions(
      ['Clausuleblad terrorisme → Vervangen door NHT1', '', 'eigen risico -> Controleer het bedrag > 500', '', 'rangorde > Verwijderen uit de polis'].join('\n'),
    );
    expect(instructions).toEqual([
      { search: 'Clausuleblad terrorisme', action: 'Vervangen door NHT1' },
      { search: 'eigen risico', action: 'Controleer het bedrag > 500' },
      { search: 'rangorde', action: 'Verwijderen uit de polis' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('an arrow needs whitespace around it', () => {
    const { instructions } = parseFreeFormInstructions('a->b is geen instructie');
    expect(instructions).toEqual([]);
  });

  it('multi-line blocks: arrow-led lines hold the action (the last counts), other lines form the search', () => {
    const { instructions } = parseFreeFormInstructions(
      ['Bij fraude vervalt', 'ieder recht op uitkering', '→ Eerste actie die niet telt', '-> Verwijderen, staat in de voorwaarden'].join('\n'),
    );
    expect(instructions).toEqual([
      { search: 'Bij fraude vervalt ieder recht op uitkering', action: 'Verwijderen, staat in de voorwaarden' },
    ]);
  });

  it('a block that yields nothing is read line by line: comments, arrows, TAB, a single ; or ,', () => {
    const { instructions, warnings } = parseFreeFormInstructions(
      [
        '# instructies van de afdeling',
        'molest → Behouden, afwijking van de voorwaarden',
        'sanctiewetgeving\tVerwijderen, staat in Art 7',
        'vervangende woonruimte; Vergelijk met Art 10',
        'glas in lood, Controleer het maximum',
        'a;b;c',
        'zonder scheiding',
      ].join('\n'),
    );
    expect(instructions).toEqual([
      { search: 'molest', action: 'Behouden, afwijking van de voorwaarden' },
      { search: 'sanctiewetgeving', action: 'Verwijderen, staat in Art 7' },
      { search: 'vervangende woonruimte', action: 'Vergelijk met Art 10' },
      { search: 'glas in lood', action: 'Controleer het maximum' },
    ]);
    expect(warnings.filter((w) => w.id === 'instructions.notInstruction')).toHaveLength(2);
  });

  it('warns about a search under 5 and an action under 10 characters, and still uses them', () => {
    const { instructions, warnings } = parseFreeFormInstructions('NHT → Weg ermee');
    expect(instructions).toEqual([{ search: 'NHT', action: 'Weg ermee' }]);
    expect(warnings).toHaveLength(2);
    expect(warningText(warnings[0]!)).toContain("'NHT'");
    expect(warningText(warnings[1]!)).toContain("'Weg ermee'");
  });
});

describe('readInstructions', () => {
  it('reads the reference table (Zoektekst;Actie)', async () => {
    const { instructions, warnings } = await readInstructions({ file: reference('instructies.csv') });
    expect(instructions).toEqual(REFERENCE_INSTRUCTIONS);
    expect(warnings).toEqual([]);
  });

  const folder = tempFolder();

  it('table headers are case-insensitive (search/action), else the first two columns', async () => {
    const named = await folder.write('named.csv', 'Nummer;ACTION;Search\n1;Vervangen door VB09;eigen risico 250\n2;;\n');
    expect((await readInstructions({ file: named })).instructions).toEqual([{ search: 'eigen risico 250', action: 'Vervangen door VB09' }]);
    const plain = await folder.write('plain.csv', 'Wat;Doen\nfraude;Verwijderen uit de polis\nmolest;\n');
    const result = await readInstructions({ file: plain });
    expect(result.instructions).toEqual([{ search: 'fraude', action: 'Verwijderen uit de polis' }]);
    expect(result.warnings.some((w) => warningText(w).includes('row 3'))).toBe(true);
  });

  it('a .txt file and a plain string are free form; a path-like string is a file', async () => {
    const txt = await folder.write('instructies.txt', 'terrorisme → Vervangen door NHT1\n');
    expect((await readInstructions(txt)).instructions).toEqual([{ search: 'terrorisme', action: 'Vervangen door NHT1' }]);
    expect((await readInstructions('fraude → Verwijderen uit de polis')).instructions).toHaveLength(1);
    expect((await readInstructions({ text: 'fraude; Verwijderen uit de polis' })).instructions).toHaveLength(1);
    expect(looksLikeInstructionFile('C:\\data\\instructies.xlsx')).toBe(true);
    expect(looksLikeInstructionFile('zie bijlage.txt → Controleren')).toBe(false);
    expect(looksLikeInstructionFile('instructies.docx')).toBe(true);
    expect(looksLikeInstructionFile('fraude; Verwijderen, zie www.voorbeeld.nl')).toBe(false);
    await expect(readInstructions('instructies.docx')).rejects.toThrow(/unsupported extension/);
  });

  it('refuses other extensions', async () => {
    await expect(readInstructions({ file: folder.path('x.docx') })).rejects.toThrow(/unsupported extension/);
  });
});
