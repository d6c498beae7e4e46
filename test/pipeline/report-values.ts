/** A report's cell values per sheet, for comparing runs that must agree (thread counts, bundles). */
import ExcelJS from 'exceljs';

/** Statistieken rows that differ between runs by nature: start time, stage times and the thread count itself. */
const RUN_SPECIFIC = /^(Starttijd|Tijd |Aantal threads)/;

export async function sheetValues(file: string): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      const values = Array.from((row.values as unknown[]).slice(1), (value) => value ?? null);
      if (!(sheet.name === 'Statistieken' && RUN_SPECIFIC.test(String(values[0])))) rows.push(values);
    });
    sheets[sheet.name] = rows;
  }
  return sheets;
}
