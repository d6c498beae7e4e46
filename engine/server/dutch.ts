/**
 * The Dutch texts API users see as `detail` (SPEC §14; the legacy front end shows `detail` as is). Engine errors are
 * written in English for the CLI; here they are recognised by kind and retold in Dutch, naming the uploaded file by
 * the name the user gave it, never by its place on the server.
 */
import { SettingError } from '../config/settings.ts';
import { CancelledError, InputError } from '../util/errors.ts';

export const MESSAGES = {
  jobNotFound: 'Job niet gevonden',
  emptyUpload: 'Leeg bestand ontvangen',
  policyMissing: 'Polisbestand is leeg of ontbreekt',
  reportNotReady: 'Rapport nog niet beschikbaar',
  resultsNotReady: 'Resultaten nog niet beschikbaar: de analyse loopt nog',
  failed: 'Analyse mislukt',
  pending: 'In de wachtrij...',
  reportNotStored: 'Het rapport kon niet worden opgeslagen: de gegevensmap van de server is vol of niet beschrijfbaar. Probeer het later opnieuw.',
  interrupted: 'De server is gestopt tijdens deze analyse; de analyse is afgebroken. Start de analyse opnieuw.',
  notMultipart: 'Verwacht een multipart/form-data-verzoek met het veld policy_file',
  tooManyFields: 'Te veel velden of bestanden in het verzoek',
  storageUnavailable: 'De gegevensmap van de server is niet beschrijfbaar; probeer het later opnieuw',
  internal: 'Interne serverfout',
  notFound: 'Niet gevonden',
  cacheKeyNotFound: 'Cache-sleutel niet gevonden',
} as const;

export const allowedTypes = (name: string, allowed: readonly string[]) => `Bestandstype niet toegestaan: ${name}. Toegestaan: ${allowed.join(', ')}`;
export const tooLarge = (name: string) => `Bestand te groot: ${name}. Maximum: 50 MB`;
export const unknownField = (name: string) => `Onbekend veld: ${name}`;
export const invalidField = (name: string, rule: string) => `Ongeldige waarde voor ${name}: ${rule}`;
export const duplicateField = (name: string) => `Veld ${name} mag maar één keer voorkomen`;

/** Upload name → the name the user knows; longest first so one path never hides inside another. */
export type NameMap = ReadonlyArray<readonly [serverPath: string, displayName: string]>;

interface Pattern {
  test: RegExp;
  dutch: (file: string, match: RegExpMatchArray) => string;
}

// Checked in order; the first match wins. `file` is the display name of the file the error names.
const INPUT_PATTERNS: Pattern[] = [
  { test: /password-protected or not an \.xlsx/, dutch: (f) => `${f} is beveiligd met een wachtwoord of is geen .xlsx-werkmap. Verwijder het wachtwoord of sla het bestand op als .xlsx en probeer het opnieuw.` },
  { test: /password-protected/, dutch: (f) => `${f} is beveiligd met een wachtwoord. Verwijder het wachtwoord en probeer het opnieuw.` },
  { test: /declares more than/, dutch: (f) => `${f} bevat uitgepakt meer dan 1 GiB aan gegevens en is daarom niet geopend. Splits de werkmap of exporteer het werkblad als .csv.` },
  { test: /not a zip archive|is a corrupt \.xlsx workbook|contains no worksheets/, dutch: (f) => `${f} is beschadigd of geen geldige .xlsx-werkmap. Open het bestand in Excel en sla het opnieuw op als .xlsx.` },
  { test: /has no header row/, dutch: (f) => `${f} heeft geen kopregel: alle cellen zijn leeg. Zet de kolomnamen in de eerste rij en één clausule per rij daaronder.` },
  { test: /has no text-like column/, dutch: (f) => `${f} heeft geen kolom met clausuleteksten. Voeg een kolom toe met de teksten (bijvoorbeeld "Vrije Tekst").` },
  { test: /Sheet "([^"]*)" was not found/, dutch: (f, m) => `Werkblad "${m[1]}" bestaat niet in ${f}.` },
  { test: /Column "([^"]*)" \(setting [^)]*\) was not found/, dutch: (f, m) => `Kolom "${m[1]}" bestaat niet in ${f}.` },
  { test: /unsupported extension/, dutch: (f) => `Bestandstype niet toegestaan: ${f}.` },
  { test: /not a readable Word document/, dutch: (f) => `${f} is geen leesbaar Word-document. Sla het opnieuw op als .docx, of exporteer het als PDF of tekst.` },
  { test: /not a readable PDF|could not be read completely as PDF/, dutch: (f) => `${f} kon niet (volledig) als PDF worden gelezen. Exporteer het document opnieuw als PDF of als tekst.` },
  { test: /contains no entries/, dutch: (f) => `Clausulebibliotheek ${f} bevat geen clausules: geen rij heeft zowel een code als een tekst.` },
  { test: /needs two columns, Zoektekst and Actie/, dutch: (f) => `Instructies ${f} hebben twee kolommen nodig: Zoektekst en Actie.` },
  { test: /Rename the columns/, dutch: (f) => `Clausulebibliotheek ${f} heeft geen herkenbare kolommen voor code en tekst. Noem de kolommen bijvoorbeeld Code en Tekst.` },
  { test: /cannot be read|not found|is a folder/, dutch: (f) => `${f} kon niet worden gelezen.` },
];

function displayNameIn(message: string, names: NameMap, fallback: string | undefined): string {
  for (const [serverPath, displayName] of names) if (message.includes(serverPath)) return displayName;
  return fallback ?? 'het bestand';
}

/** A Dutch, user-facing account of an error from an analysis or a preview. */
export function dutchError(error: unknown, names: NameMap): string {
  if (error instanceof CancelledError) return 'De analyse is geannuleerd.';
  if (error instanceof SettingError) return `Ongeldige instelling ${error.setting}.`;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof InputError) {
    const fileName = error.file ? names.find(([p]) => p === error.file)?.[1] : undefined;
    const file = displayNameIn(message, names, fileName);
    for (const pattern of INPUT_PATTERNS) {
      const match = message.match(pattern.test);
      if (match) return pattern.dutch(file, match);
    }
    return `${file} kon niet worden verwerkt. Controleer het bestand en probeer het opnieuw.`;
  }
  return 'Er ging iets mis tijdens de analyse. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder.';
}
