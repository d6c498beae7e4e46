import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import {
  articleSections,
  documentSections,
  finaliseSections,
  isLookAheadTitle,
  matchArticleHeader,
  paragraphSections,
  readConditions,
  splitAtSentences,
} from '../../engine/advise/inputs/conditions.ts';
import { extractLines, rebuildPageLines, stripMarkdownLine, type DocumentLine } from '../../engine/advise/inputs/extract.ts';
import { InputError } from '../../engine/util/errors.ts';
import { CONDITIONS_ARTICLES } from '../../fixtures/reference/content.ts';
import { renderPdf } from '../../fixtures/make-reference.ts';
import { reference, tempFolder } from './helpers.ts';
import { warningText } from '../../engine/util/warnings.ts';

const lines = (...texts: string[]): DocumentLine[] => texts.map((text) => ({ text, page: null }));
const sentence = (n: number): string => `Zin nummer ${n} beschrijft een bepaling van deze verzekering in gewone woorden.`;

describe('article headers (§4.6 forms A, B, C)', () => {
  it.each([
    ['Artikel 2.14 Molest', 'A', '2.14', 'Molest'],
    ['ARTIKEL 3 Premie', 'A', '3', 'Premie'],
    ['art. 5: Schade', 'A', '5', 'Schade'],
    ['Art 9.1 – Rangorde', 'A', '9.1', 'Rangorde'],
    ['Artikel 4', 'A', '4', ''],
    ['3.2 - Uitsluitingen', 'B', '3.2', 'Uitsluitingen'],
    ['3.2.1. Dekking', 'B', '3.2.1', 'Dekking'],
    ['5.1: Premiebetaling', 'B', '5.1', 'Premiebetaling'],
    ['6.1', 'B', '6.1', ''],
    ['7 Premie', 'C', '7', 'Premie'],
    ['50 Slotbepalingen', 'C', '50', 'Slotbepalingen'],
  ])('%s → form %s', (line, form, number, title) => {
    expect(matchArticleHeader(line)).toEqual({ form, number, title });
  });

  it.each([
    '1.500 euro per gebeurtenis',
    '10.000 Euro eigen risico',
    '2.145 Iets anders',
    'Artikel 100 Slot',
    'Artikel 51 Slot',
    '51.2 Iets',
    '0.5 Iets',
    '60 Jaar',
    '7 premie',
    '12 maanden na ingang',
    '7. Premie',
    'Artikelen 3 en 4 gelden',
    'De premie 7 Euro',
  ])('%s is no header', (line) => {
    expect(matchArticleHeader(line)).toBeNull();
  });

  it('form C needs a capital: case-insensitive matching must not defeat it', () => {
    expect(matchArticleHeader('3 Jaar')).not.toBeNull();
    expect(matchArticleHeader('3 jaar na ingang van de verzekering')).toBeNull();
  });

  it('form-B look-ahead titles', () => {
    expect(isLookAheadTitle('Melding van schade')).toBe(true);
    expect(isLookAheadTitle('ALGEMENE BEPALINGEN')).toBe(true);
    expect(isLookAheadTitle('Wij vergoeden de schade.')).toBe(false);
    expect(isLookAheadTitle('Waarom?')).toBe(false);
    expect(isLookAheadTitle('de premie')).toBe(false);
    expect(isLookAheadTitle(`T${'a'.repeat(120)}`)).toBe(false);
    expect(isLookAheadTitle(`T${'a'.repeat(119)}`)).toBe(true);
  });
});

describe('article mode', () => {
  it('collects Inleiding, headers as first body lines, the form-B look-ahead title, and drops tiny sections', () => {
    const sections = articleSections(
      lines(
        'Algemene voorwaarden woonhuis',
        '',
        'Artikel 1 Begrippen',
        'Verzekerde is de verzekeringnemer en zijn gezin.',
        '2.1',
        '',
        'Melding van schade',
        'U meldt schade binnen drie dagen.',
        '2.2',
        'Wij vergoeden geen schade door slijtage.',
        'x',
        '3 Premie',
        'Eigen risico € 1.500 per schade, zie hieronder.',
        '1.500 euro is het maximum voor glas.',
      ),
    );
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      ['Inleiding', 'Inleiding'],
      ['Art 1', 'Begrippen'],
      ['Art 2.1', 'Melding van schade'],
      ['Art 2.2', ''],
      ['Art 3', 'Premie'],
    ]);
    expect(sections[1]!.text).toBe('Artikel 1 Begrippen\nVerzekerde is de verzekeringnemer en zijn gezin.');
    expect(sections[2]!.text).toBe('2.1\nMelding van schade\nU meldt schade binnen drie dagen.');
    // The look-ahead line ended in a full stop, so it stays body text and 2.2 keeps an empty title.
    expect(sections[3]!.text).toBe('2.2\nWij vergoeden geen schade door slijtage.\nx');
    expect(sections[4]!.text).toContain('1.500 euro is het maximum');
  });

  it('drops sections with fewer than 10 simplified characters (an empty Inleiding, a bare header)', () => {
    const sections = articleSections(lines('Art 1', 'Artikel 2 Premie', 'Tekst van artikel twee.', 'Art 3', ''));
    expect(sections.map((s) => s.id)).toEqual(['Art 2']);
  });

  it('uses paragraph mode with fewer than 3 article sections (Inleiding not counted)', () => {
    const doc = lines(
      'Voorwoord met genoeg tekst om mee te tellen als inleiding.',
      'Artikel 1 Begrippen',
      'Verzekerde is de verzekeringnemer.',
      'Artikel 2 Premie',
      'De premie wordt jaarlijks betaald.',
    );
    expect(documentSections(doc).mode).toBe('paragraph');
    const three = [...doc, { text: 'Artikel 3 Schade', page: null }, { text: 'Meld schade direct.', page: null }];
    expect(documentSections(three).mode).toBe('article');
  });

  it('uses paragraph mode when a section exceeds 10 000 characters', () => {
    const long = Array.from({ length: 140 }, (_, i) => sentence(i)).join(' ');
    expect(long.length).toBeGreaterThan(10_000);
    const doc = lines('Artikel 1 Begrippen', long, 'Artikel 2 Premie', 'De premie.', 'Artikel 3 Schade', 'Meld schade.');
    expect(documentSections(doc).mode).toBe('paragraph');
  });
});

describe('paragraph mode', () => {
  it('opens sections at heading paragraphs, joins the rest, drops short paragraphs', () => {
    const sections = paragraphSections(
      lines(
        'Dit is een losse openingsalinea zonder kopje.',
        '',
        'WOONHUIS',
        '',
        'Dekking van de verzekering',
        'Wij vergoeden schade door brand en storm.',
        '',
        'Deze alinea hoort ook nog bij de dekking.',
        '',
        'UITSLUITINGEN VAN DEZE VERZEKERING',
        'Geen dekking voor opzet en slijtage.',
        '',
        'Kort.',
      ),
    );
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      ['Sec 1', 'Sectie 1'],
      ['Sec 2', 'Dekking van de verzekering'],
      ['Sec 3', 'UITSLUITINGEN VAN DEZE VERZEKERING'],
    ]);
    expect(sections[1]!.text).toBe('Dekking van de verzekering\nWij vergoeden schade door brand en storm.\nDeze alinea hoort ook nog bij de dekking.');
  });

  it('cuts heading titles to 80 characters and closes a section once it exceeds 2000 characters', () => {
    const heading = `Premie ${'en kosten '.repeat(12)}`.trim();
    const paragraph = Array.from({ length: 13 }, (_, i) => sentence(i)).join(' ');
    const doc: DocumentLine[] = [];
    for (const text of [heading, '', paragraph, '', paragraph, '', paragraph, '', paragraph]) doc.push({ text, page: null });
    const sections = paragraphSections(doc);
    expect([...sections[0]!.title].length).toBe(80);
    expect(sections.map((s) => s.id)).toEqual(['Sec 1', 'Sec 2']);
    expect(sections[1]!.title).toBe('Sectie 2');
  });
});

describe('splitting long sections', () => {
  it('splits at sentence ends into parts of at most 2000 characters', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
    const parts = splitAtSentences(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(2000);
    expect(parts.join(' ')).toBe(text);
    for (const part of parts) expect(part).toMatch(/\.$/);
  });

  it('keeps a single longer sentence whole', () => {
    const long = `${'woord '.repeat(400)}einde.`;
    const parts = splitAtSentences(`Korte zin. ${long} Nog een zin.`);
    expect(parts).toEqual(['Korte zin.', long, 'Nog een zin.']);
  });

  it('gives later parts `(vervolg)` titles and unique keys, also for repeated ids and file names', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
    const nextPart = new Map<string, number>();
    const first = finaliseSections('voorwaarden.pdf', [{ id: 'Art 2.8', title: 'Fraude', text, page: 3 }], nextPart);
    expect(first.map((s) => [s.key, s.title, s.part, s.page])).toEqual([
      ['voorwaarden.pdf#Art 2.8#1', 'Fraude', 1, 3],
      ['voorwaarden.pdf#Art 2.8#2', 'Fraude (vervolg)', 2, 3],
    ]);
    const again = finaliseSections('voorwaarden.pdf', [{ id: 'Art 2.8', title: 'Fraude', text: 'Tweede keer artikel.', page: 9 }], nextPart);
    expect(again[0]!.key).toBe('voorwaarden.pdf#Art 2.8#3');
    expect(first[0]!.simplified).toBe(first[0]!.simplified.toLowerCase());
  });
});

describe('extraction', () => {
  it('strips markdown heading marks and whole-line emphasis', () => {
    expect(stripMarkdownLine('## Artikel 2.8 Fraude')).toBe('Artikel 2.8 Fraude');
    expect(stripMarkdownLine('**3.2 - Uitsluitingen**')).toBe('3.2 - Uitsluitingen');
    expect(stripMarkdownLine('__Melding van schade__')).toBe('Melding van schade');
    expect(stripMarkdownLine('Een **vet** woord')).toBe('Een **vet** woord');
  });

  it('rebuilds PDF lines from positioned items, with blank lines at paragraph gaps', () => {
    const item = (str: string, x: number, y: number, width: number) => ({ str, transform: [10, 0, 0, 10, x, y], width, height: 10 });
    const rebuilt = rebuildPageLines(
      [item('wereld', 100, 700, 30), item('Hallo', 60, 700.5, 25), item('Tweede regel', 60, 688, 60), item('Nieuwe alinea', 60, 660, 60)],
      2,
    );
    expect(rebuilt).toEqual([
      { text: 'Hallo wereld', page: 2 },
      { text: 'Tweede regel', page: 2 },
      { text: '', page: 2 },
      { text: 'Nieuwe alinea', page: 2 },
    ]);
  });

  const folder = tempFolder();

  it('reads docx paragraphs and table cells in order, empty paragraphs as blank lines', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Eerste alinea'),
            new Paragraph(''),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Cel een')] }), new TableCell({ children: [new Paragraph('Cel twee')] })] })] }),
            new Paragraph('Laatste alinea'),
          ],
        },
      ],
    });
    const file = await folder.write('tabel.docx', await Packer.toBuffer(doc));
    expect((await extractLines(file)).map((l) => l.text)).toEqual(['Eerste alinea', '', 'Cel een', 'Cel twee', 'Laatste alinea']);
  });

  it('reads txt in any of the CSV encodings', async () => {
    const bytes = Uint8Array.from([0x41, 0x72, 0x74, 0x20, 0x31, 0x20, 0x80, 0x20, 0x35, 0x0d, 0x0a, 0x42]);
    const file = await folder.write('cp1252.txt', bytes);
    expect((await extractLines(file)).map((l) => l.text)).toEqual(['Art 1 € 5', 'B']);
  });
});

describe('readConditions on the reference fixture', () => {
  const expected = [['Inleiding', 'Inleiding'], ...CONDITIONS_ARTICLES.map((a) => [`Art ${a.number}`, a.title])];

  it.each(['txt', 'md', 'docx', 'pdf'])('voorwaarden.%s gives every article with its title', async (ext) => {
    const { sections, warnings, documents } = await readConditions([reference(`voorwaarden.${ext}`)]);
    expect(warnings).toEqual([]);
    expect(documents[0]!.mode).toBe('article');
    expect(sections.map((s) => [s.id, s.title])).toEqual(expected);
    expect(sections.every((s) => s.documentId === `voorwaarden.${ext}` && s.part === 1)).toBe(true);
    expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
  });

  it('all four formats give the same simplified section texts', async () => {
    const [txt, ...others] = await Promise.all(['txt', 'md', 'docx', 'pdf'].map((ext) => readConditions([reference(`voorwaarden.${ext}`)])));
    for (const other of others) expect(other.sections.map((s) => s.simplified)).toEqual(txt!.sections.map((s) => s.simplified));
  });

  it('knows PDF pages and no pages elsewhere', async () => {
    const pdf = await readConditions([reference('voorwaarden.pdf')]);
    const page = (id: string) => pdf.sections.find((s) => s.id === id)!.page;
    expect(page('Inleiding')).toBe(1);
    expect(page('Art 1')).toBe(1);
    expect(page('Art 12')).toBeGreaterThan(3);
    const pages = pdf.sections.map((s) => s.page!);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    const txt = await readConditions([reference('voorwaarden.txt')]);
    expect(txt.sections.every((s) => s.page === null)).toBe(true);
  });

  it('uses the sections of several documents together, in file order', async () => {
    const { sections, documents } = await readConditions([reference('voorwaarden.txt'), reference('voorwaarden.pdf')]);
    expect(documents.map((d) => d.documentId)).toEqual(['voorwaarden.txt', 'voorwaarden.pdf']);
    expect(sections[0]!.key).toBe('voorwaarden.txt#Inleiding#1');
    expect(sections.at(-1)!.key).toBe('voorwaarden.pdf#Art 12#1');
  });
});

describe('readConditions errors and warnings', () => {
  const folder = tempFolder();

  it('refuses unsupported extensions, naming the file and the accepted ones', async () => {
    const file = await folder.write('voorwaarden.doc', 'oud formaat');
    const error = await readConditions([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(file);
    expect((error as InputError).message).toContain('.txt, .md, .docx, .pdf');
  });

  it.each(['corrupt.pdf', 'corrupt.docx'])('broken/%s gives an InputError naming the file', async (name) => {
    const file = reference(`broken/${name}`);
    const error = await readConditions([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(file);
    expect((error as InputError).file).toBe(file);
  });

  it('a password-protected PDF gives an InputError saying so', async () => {
    const bytes = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ userPassword: 'geheim', pdfVersion: '1.7' });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Artikel 1 Geheim');
      doc.end();
    });
    const file = await folder.write('geheim.pdf', bytes);
    await expect(readConditions([file])).rejects.toThrow(/geheim\.pdf is password-protected/);
  });

  it('a missing file gives an InputError', async () => {
    await expect(readConditions([folder.path('bestaat-niet.txt')])).rejects.toBeInstanceOf(InputError);
  });

  it('a document without text gives a warning and no sections', async () => {
    const pdf = await folder.write('scan.pdf', await renderPdf(() => undefined));
    const txt = await folder.write('leeg.txt', '\n  \n');
    const { sections, warnings } = await readConditions([pdf, txt]);
    expect(sections).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings.map((w) => w.id)).toEqual(['conditions.noText', 'conditions.noText']);
    expect(warningText(warnings[0]!)).toContain('scan.pdf');
  });

  it('a multi-page PDF in paragraph mode keeps the page of each section', async () => {
    const file = await folder.write(
      'brief.pdf',
      await renderPdf((doc) => {
        doc.font('Helvetica').fontSize(10);
        doc.text('DEKKING VAN DE WOONVERZEKERING').text('Wij vergoeden schade door brand en storm aan het woonhuis.');
        doc.addPage();
        doc.text('UITSLUITINGEN VAN DE VERZEKERING').text('Geen dekking voor schade door opzet of slijtage van het woonhuis.');
      }),
    );
    const { sections, documents } = await readConditions([file]);
    expect(documents[0]!.mode).toBe('paragraph');
    expect(sections.map((s) => [s.id, s.title, s.page])).toEqual([
      ['Sec 1', 'DEKKING VAN DE WOONVERZEKERING', 1],
      ['Sec 2', 'UITSLUITINGEN VAN DE VERZEKERING', 2],
    ]);
  });
});
