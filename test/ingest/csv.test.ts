import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvText, sniffDelimiter } from '../../engine/ingest/csv.ts';
import { InputError } from '../../engine/util/errors.ts';
import { warningText } from '../../engine/util/warnings.ts';

describe('sniffDelimiter (SPEC §4.2)', () => {
  it('finds semicolon, comma and TAB', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
  });

  it('gives a single column when the header has no candidate', () => {
    expect(sniffDelimiter('Vrije Tekst\nHet eigen risico is 250; daarna niets, echt.\n')).toBeNull();
    expect(sniffDelimiter('')).toBeNull();
  });

  it('scores lines whose count equals the header count', () => {
    // Header has one ';' and two ','; only the comma count repeats on the data lines.
    expect(sniffDelimiter('a;b,c,d\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a;b,c,d\n1;2\n3;4\n5,6,7\n')).toBe(';');
  });

  it('breaks ties in the order ; , TAB', () => {
    expect(sniffDelimiter('a;b,c\n1;2,3\n')).toBe(';');
    expect(sniffDelimiter('a,b\tc\n1,2\t3\n')).toBe(',');
    expect(sniffDelimiter('a\tb;c\n1\t2;3\n')).toBe(';');
  });

  it('does not count delimiters inside double quotes', () => {
    // Counting the ';' inside quotes would make it tie with ',' on every line (and win the tie).
    expect(sniffDelimiter('a,b;c\n1,"x;y"\n2,"z;w"\n')).toBe(',');
    // A quoted header field full of commas does not make ',' a candidate.
    expect(sniffDelimiter('"Polis, nummer";"Tekst, vrij"\n1;"a, b, c"\n')).toBe(';');
    // A quoted line break does not end the line.
    expect(sniffDelimiter('a;b\n1;"x\ny;z"\n2;3\n')).toBe(';');
  });

  it('uses only complete lines within the first 4096 characters', () => {
    const header = 'a,b;c\n'; // both candidates count 1 in the header
    const early = '1,2\n'.repeat(200); // 800 chars: commas match
    const filler = 'xxxxxxxxxxxxxxx\n'.repeat(250); // 4000 chars: neither matches
    const late = '1;2\n'.repeat(500); // beyond the window: would make ';' win if read
    expect(sniffDelimiter(header + early + filler + late)).toBe(',');
    expect(sniffDelimiter(header + late)).toBe(';');
  });

  it('reads a header longer than the window to its end', () => {
    const header = `${Array.from({ length: 600 }, (_, i) => `kolom${i}`).join(';')}\n`;
    expect(header.length).toBeGreaterThan(4096);
    expect(sniffDelimiter(`${header}1;2\n`)).toBe(';');
  });

  it('skips blank lines before the header', () => {
    expect(sniffDelimiter('\n\na,b\n1,2\n')).toBe(',');
  });
});

describe('parseCsv (RFC 4180)', () => {
  const cellsOf = (text: string, d: ';' | ',' | '\t' | null = ';') => parseCsv(text, d).records.map((r) => r.cells);
  const linesOf = (text: string, d: ';' | ',' | '\t' | null = ';') => parseCsv(text, d).records.map((r) => r.sourceLine);

  it('handles LF, CRLF and CR-only line ends', () => {
    expect(cellsOf('a;b\n1;2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cellsOf('a;b\r\n1;2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cellsOf('a;b\r1;2\r3;4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(linesOf('a;b\r1;2\r3;4')).toEqual([1, 2, 3]);
    expect(linesOf('a\r\nb\rc\nd')).toEqual([1, 2, 3, 4]);
  });

  it('reads "" as one quote inside a quoted field', () => {
    expect(cellsOf('"Clausule ""Glas"" geldt";"""";""')).toEqual([['Clausule "Glas" geldt', '"', '']]);
  });

  it('keeps quoted delimiters and line breaks, and records where each record starts', () => {
    const text = 'Polis;Tekst\n1;"eerste regel\ntweede regel\r\nderde regel"\n2;"a;b"\r3;x';
    const { records } = parseCsv(text, ';');
    expect(records.map((r) => r.cells)).toEqual([
      ['Polis', 'Tekst'],
      ['1', 'eerste regel\ntweede regel\r\nderde regel'],
      ['2', 'a;b'],
      ['3', 'x'],
    ]);
    expect(records.map((r) => r.sourceLine)).toEqual([1, 2, 5, 6]);
  });

  it('counts a CR-only break inside quotes as a line', () => {
    expect(linesOf('h\r"a\rb"\rc')).toEqual([1, 2, 4]);
  });

  it('produces no record for a final line break, but keeps empty lines as records', () => {
    expect(cellsOf('a\n\nb\n', null)).toEqual([['a'], [''], ['b']]);
  });

  it('treats a quote inside an unquoted field as a plain character', () => {
    expect(cellsOf('5" inch;x"y')).toEqual([['5" inch', 'x"y']]);
  });

  it('keeps everything on one column without a delimiter, still honouring quotes', () => {
    expect(cellsOf('Tekst\n"regel 1\nregel 2"\nA; B, C\n', null)).toEqual([['Tekst'], ['regel 1\nregel 2'], ['A; B, C']]);
  });

  it('appends text after a closing quote and keeps a trailing empty field', () => {
    expect(cellsOf('"a"b;c;')).toEqual([['ab', 'c', '']]);
    expect(cellsOf('a;\n;b')).toEqual([['a', ''], ['', 'b']]);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '€', ' ', ';', ',', '"', '\n', '\r\n', '\r', '\t', '0') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(table, eol, (rows, lineEnd) => {
        const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
        const text = rows.map((r) => r.map(quote).join(';')).join(lineEnd);
        const parsed = parseCsv(text, ';').records;
        expect(parsed.map((r) => r.cells)).toEqual(rows);
        // Each record starts one line after the previous record's last line.
        let line = 1;
        rows.forEach((r, k) => {
          expect(parsed[k]!.sourceLine).toBe(line);
          line += 1 + r.reduce((sum, v) => sum + v.split(/\r\n|\r|\n/).length - 1, 0);
        });
      }),
    );
  });

  it('reports an unterminated quoted field', () => {
    const result = parseCsv('a;b\n1;"open\n2;3\n', ';');
    expect(result.unterminatedQuoteLine).toBe(2);
    expect(result.records[1]!.cells).toEqual(['1', 'open\n2;3\n']);
  });
});

describe('readCsvText (header, padding, extra fields)', () => {
  it('keeps values as text and pads short records', () => {
    const grid = readCsvText('Polis;Tekst;Datum\n00123;tekst\n00124;;2024-01-01\n', 'x.csv', 'x.csv');
    expect(grid.headers).toEqual(['Polis', 'Tekst', 'Datum']);
    expect(grid.rows).toEqual([
      { sourceLine: 2, cells: ['00123', 'tekst', ''] },
      { sourceLine: 3, cells: ['00124', '', '2024-01-01'] },
    ]);
    expect(grid.warnings).toEqual([]);
  });

  it('skips blank lines before the header, keeps empty rows in between and drops trailing ones', () => {
    const grid = readCsvText('\n\nPolis;Tekst\n1;a\n\n2;b\n\n\n', 'x.csv', 'x.csv');
    expect(grid.headerLine).toBe(3);
    expect(grid.rows).toEqual([
      { sourceLine: 4, cells: ['1', 'a'] },
      { sourceLine: 5, cells: ['', ''] },
      { sourceLine: 6, cells: ['2', 'b'] },
    ]);
  });

  it('puts extra fields in added columns Kolom {n} and warns with the line numbers', () => {
    const grid = readCsvText('Polis;Tekst\n1;a\n2;b;x\n3;c;y;z\n', 'p.csv', 'p.csv');
    expect(grid.headers).toEqual(['Polis', 'Tekst', 'Kolom 3', 'Kolom 4']);
    expect(grid.rows.map((r) => r.cells)).toEqual([
      ['1', 'a', '', ''],
      ['2', 'b', 'x', ''],
      ['3', 'c', 'y', 'z'],
    ]);
    expect(grid.warnings.map(warningText)).toEqual([
      'p.csv: 2 line(s) with more fields than the header row (3, 4); the extra fields were put in the added column(s) "Kolom 3", "Kolom 4". Check the delimiters and quotes on those lines.',
    ]);
    expect(grid.warnings[0]).toEqual({ id: 'ingest.extraFields', params: { file: 'p.csv', count: 2, lines: '3, 4', columns: '"Kolom 3", "Kolom 4"' } });
  });

  it('lists the first 10 lines and a count when many lines have extra fields', () => {
    const body = Array.from({ length: 13 }, (_, i) => `${i};t;extra`).join('\n');
    const grid = readCsvText(`Polis;Tekst\n${body}\n`, 'p.csv', 'p.csv');
    expect(grid.warnings).toHaveLength(1);
    expect(warningText(grid.warnings[0]!)).toContain('13 line(s) with more fields than the header row (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)');
    expect(warningText(grid.warnings[0]!)).toContain('added column(s) "Kolom 3"');
  });

  it('names a single extra line', () => {
    const grid = readCsvText('a;b\n1;2;3\n', 'p.csv', 'p.csv');
    expect(warningText(grid.warnings[0]!)).toMatch(/^p\.csv: 1 line\(s\) with more fields than the header row \(2\)/);
  });

  it('gives missing headers a Kolom name and de-duplicates repeated ones', () => {
    const grid = readCsvText('Tekst;;Tekst;Tekst\n1;2;3;4\n', 'p.csv', 'p.csv');
    expect(grid.headers).toEqual(['Tekst', 'Kolom 2', 'Tekst (2)', 'Tekst (3)']);
  });

  it('warns about an unterminated quote', () => {
    const grid = readCsvText('a;b\n1;"open\n', 'p.csv', 'p.csv');
    expect(grid.warnings[0]).toEqual({ id: 'ingest.unterminatedQuote', params: { file: 'p.csv', line: 2 } });
    expect(warningText(grid.warnings[0]!)).toContain('line 2 is never closed');
  });

  it('refuses a file without any header', () => {
    expect(() => readCsvText('\n \n', 'leeg.csv', 'leeg.csv')).toThrow(InputError);
    expect(() => readCsvText('', 'leeg.csv', 'leeg.csv')).toThrow(/leeg\.csv has no header row/);
  });
});
