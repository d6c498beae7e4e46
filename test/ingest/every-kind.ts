import ExcelJS from 'exceljs';

/**
 * A policy sheet (the second sheet, `Polissen`) with every kind of cell exceljs writes in the text column `Clausule`
 * and in `Opmerking`: rich text, hyperlinks, numbers, dates, formulas with cached values (also shared), errors, OOXML
 * escapes, line breaks, a formula-like text, merged cells, empty rows in between and after.
 */
export async function writeEveryKindWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Voorblad').getCell('A1').value = 'Alleen een titel';
  const sheet = workbook.addWorksheet('Polissen');
  sheet.getCell('B2').value = 'Polisnummer';
  sheet.getCell('C2').value = 'Clausule';
  sheet.getCell('D2').value = 'Opmerking';
  const values: ExcelJS.CellValue[] = [
    'Gewone tekst',
    { richText: [{ text: 'Eigen ' }, { text: 'risico', font: { bold: true } }, { text: ' _x000D_ letterlijk' }] },
    { text: 'Voorwaarden', hyperlink: 'https://example.nl/voorwaarden' },
    12345,
    0.1 + 0.2,
    1e21,
    new Date(Date.UTC(2024, 2, 15)),
    new Date(Date.UTC(2024, 2, 15, 12, 30, 5)),
    true,
    { formula: 'E3*2', result: 24690 },
    { formula: 'C3&"x"', result: 'Gewone tekstx' },
    { error: '#N/A' },
    'Regel een\r\nregel twee\rCR',
    'let op _x000D_ letterlijk',
    '   ',
    '=SUM(A1)',
  ];
  values.forEach((value, i) => {
    const r = 3 + i * 2; // an empty row after each row
    sheet.getCell(r, 2).value = `P-${i}`;
    sheet.getCell(r, 3).value = value;
    sheet.getCell(r, 4).value = i % 3 === 0 ? value : `opmerking ${i}`;
  });
  const last = 3 + values.length * 2;
  sheet.getCell(last, 3).value = 'samengevoegd';
  sheet.mergeCells(last, 3, last + 1, 4);
  sheet.getCell(last + 1, 2).value = 'P-onder';
  for (let r = 1; r <= 3; r++) sheet.getCell(last + 2 + r, 5).value = { formula: 'E1+1', result: r, shareType: 'shared', ref: `E${last + 3}:E${last + 5}` } as never;
  sheet.getCell(last + 9, 2).value = ''; // an empty string after the last row does not extend the data
  await workbook.xlsx.writeFile(file);
}
