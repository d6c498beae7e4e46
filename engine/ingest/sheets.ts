/** Choosing the worksheet of an .xlsx workbook (`input.sheet`), shared by the whole-workbook and the streaming reader. */
import { InputError } from '../util/errors.ts';
import { trimUnicode } from '../util/text.ts';

/** What every message about an unreadable workbook suggests. */
export const RESAVE = 'Open it in Excel and save it again as .xlsx, or export the sheet as .csv.';

/** `input.sheet`: empty → the first worksheet; else a sheet name (exact, then case-insensitive) or a 1-based index. */
export function chooseSheet<S extends { name: string }>(sheets: readonly S[], wanted: string, file: string): S {
  if (sheets.length === 0) throw new InputError(`${file} contains no worksheets (it may not be an .xlsx workbook). ${RESAVE}`, file);
  const trimmed = trimUnicode(wanted);
  if (trimmed === '') return sheets[0]!;
  const found =
    sheets.find((s) => s.name === wanted) ??
    sheets.find((s) => s.name.trim().toLowerCase() === trimmed.toLowerCase()) ??
    (/^\d+$/.test(trimmed) ? sheets[Number(trimmed) - 1] : undefined);
  if (!found) {
    throw new InputError(
      `Sheet "${wanted}" was not found in ${file}. The workbook has these sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}. ` +
        'Set input.sheet to one of these names or to a 1-based sheet number.',
      file,
    );
  }
  return found;
}
