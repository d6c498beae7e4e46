/** Engine errors retold in Dutch for `detail` and `error`: real errors of the real readers, named by upload name. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLines } from '../../engine/advise/inputs/extract.ts';
import { readLibrary } from '../../engine/advise/inputs/library.ts';
import { resolveSettings } from '../../engine/config/settings.ts';
import { readPolicyWorkbook } from '../../engine/ingest/index.ts';
import { dutchError, type NameMap } from '../../engine/server/dutch.ts';
import { CancelledError } from '../../engine/util/errors.ts';
import { FIXTURES } from './helpers.ts';

async function told(work: Promise<unknown>, file: string, shown: string): Promise<string> {
  const names: NameMap = [[file, shown]];
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).not.toBeNull();
  return dutchError(error, names);
}

const input = resolveSettings({}).input;

describe('dutchError', () => {
  it('retells workbook errors with the upload name, never the server path', async () => {
    const broken = (name: string) => path.join(FIXTURES, 'broken', name);
    expect(await told(readPolicyWorkbook(broken('password-protected.xlsx'), input), broken('password-protected.xlsx'), 'geheim.xlsx')).toBe(
      'geheim.xlsx is beveiligd met een wachtwoord of is geen .xlsx-werkmap. Verwijder het wachtwoord of sla het bestand op als .xlsx en probeer het opnieuw.',
    );
    expect(await told(readPolicyWorkbook(broken('truncated.xlsx'), input), broken('truncated.xlsx'), 'kapot.xlsx')).toMatch(/^kapot\.xlsx is beschadigd of geen geldige \.xlsx-werkmap/);
    expect(await told(readPolicyWorkbook(broken('numbers-only.csv'), input), broken('numbers-only.csv'), 'getallen.csv')).toMatch(/^getallen\.csv heeft geen kolom met clausuleteksten/);
    expect(await told(readPolicyWorkbook(broken('empty-sheet.xlsx'), input), broken('empty-sheet.xlsx'), 'leeg.xlsx')).toMatch(/^leeg\.xlsx heeft geen kopregel/);
    const sheet = await told(readPolicyWorkbook(path.join(FIXTURES, 'sample', 'policies.xlsx'), { ...input, sheet: 'Blad9' }), path.join(FIXTURES, 'sample', 'policies.xlsx'), 'polissen.xlsx');
    expect(sheet).toBe('Werkblad "Blad9" bestaat niet in polissen.xlsx.');
  });

  it('retells conditions and library errors', async () => {
    const pdf = path.join(FIXTURES, 'reference', 'broken', 'corrupt.pdf');
    expect(await told(extractLines(pdf), pdf, 'voorwaarden.pdf')).toMatch(/^voorwaarden\.pdf kon niet \(volledig\) als PDF worden gelezen/);
    const docx = path.join(FIXTURES, 'reference', 'broken', 'corrupt.docx');
    expect(await told(extractLines(docx), docx, 'voorwaarden.docx')).toMatch(/^voorwaarden\.docx is geen leesbaar Word-document/);
    const library = path.join(FIXTURES, 'reference', 'broken', 'empty-library.xlsx');
    const told2 = await told(readLibrary([library]), library, 'bibliotheek.xlsx');
    expect(told2).toMatch(/^(Clausulebibliotheek bibliotheek\.xlsx|bibliotheek\.xlsx)/);
    expect(told2).not.toContain(FIXTURES);
  });

  it('keeps unexpected errors generic and names cancellation', () => {
    expect(dutchError(new TypeError('x is undefined at /srv/secret.ts:12'), [])).toMatch(/^Er ging iets mis tijdens de analyse/);
    expect(dutchError(new CancelledError(), [])).toBe('De analyse is geannuleerd.');
  });
});
