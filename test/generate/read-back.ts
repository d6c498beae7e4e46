import ExcelJS from 'exceljs';

/** The sheet names and the first sheet's cells as text (empty cells as ''), for comparing with generated rows. */
export async function readBack(file: string): Promise<{ sheets: string[]; cells: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const cells: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      values.push(value === null || value === undefined ? '' : String(value));
    }
    cells.push(values);
  });
  return { sheets: workbook.worksheets.map((w) => w.name), cells };
}
