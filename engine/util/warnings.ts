/**
 * Every warning the engine gives, by message id. The English text is the default (CLI, logs, report, JSON
 * `warnings`); a user interface in another language translates the same id with the same parameters (the VS Code
 * extension keeps the English text as its l10n key, with the `{name}` placeholders below).
 */

export const WARNING_TEXTS = {
  'ingest.noDataRowsCsv': '{file} has a header row (line {line}) but no data rows; the report will be empty.',
  'ingest.noDataRowsSheet': '{file}, sheet "{sheet}" has a header row (row {row}) but no data rows; the report will be empty.',
  'ingest.unterminatedQuote':
    '{file}: the quoted field that starts on line {line} is never closed, so the rest of the file was read into it. Check the double quotes around that line.',
  'ingest.extraFields':
    '{file}: {count} line(s) with more fields than the header row ({lines}); the extra fields were put in the added column(s) {columns}. Check the delimiters and quotes on those lines.',
  'conditions.noText': 'Conditions document {file} contains no extractable text (a scanned PDF needs text recognition first); it is ignored.',
  'conditions.noSections': 'Conditions document {file} yields no sections of at least {min} characters; it is ignored.',
  'library.missingColumns': 'Clause library {file} has no {missing}; found columns: {found}. The file is skipped.',
  'library.duplicateCodes': 'Clause library: duplicate codes {codes} are all kept; when two match equally, the earlier entry wins.',
  'instructions.notInstruction': '{where}: line \'{line}\' is not an instruction (use "search → action") and is ignored.',
  'instructions.incompleteRow': '{where}, row {row}: an instruction needs both a search text and an action; the row is ignored.',
  'instructions.shortSearch': "{where}: search text '{search}' is shorter than {min} characters and may match too much; it is still used.",
  'instructions.shortAction': "{where}: action '{action}' for '{search}' is shorter than {min} characters; it is still used.",
  'signals.unavailable': 'Signal {signal} unavailable: {reason}',
} as const;

export type WarningId = keyof typeof WARNING_TEXTS;
export const WARNING_IDS = Object.keys(WARNING_TEXTS) as WarningId[];

export type WarningParams = Readonly<Record<string, string | number>>;

/** A warning as data: which message and its parameters (numbers stay numbers, so a UI can format them). */
export interface Warning {
  id: WarningId;
  params: WarningParams;
}

/** The `{name}` placeholders of a text, as a union of names. */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** A warning whose parameters are exactly its text's placeholders (checked by the compiler). */
export const warning = <Id extends WarningId>(id: Id, params: Record<Placeholders<(typeof WARNING_TEXTS)[Id]>, string | number>): Warning => ({ id, params });

/** Fills `{name}` placeholders of `template` from `params`; an unknown name stays as written. */
export function fillPlaceholders(template: string, params: WarningParams, formatNumber: (n: number) => string = String): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The English text of a warning. */
export const warningText = (w: Warning): string => fillPlaceholders(WARNING_TEXTS[w.id], w.params);
