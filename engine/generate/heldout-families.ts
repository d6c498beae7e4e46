/**
 * Clause families of the held-out generator (`--style heldout`). They are written apart from the tuning families
 * (families.ts) on purpose: other subjects, other wording, mostly one short sentence, so a grouping rule tuned on the
 * realistic families is measured here on clauses it has never seen.
 *
 * Pairs marked as hard negatives differ only in meaning (a negation, `inclusief`/`exclusief`, `met`/`zonder`,
 * `wel`/`niet`): different clusters by intent, a few characters apart.
 *
 * Slots: {bedrag} {datum} {adres} {ref} {pct}.
 */

export interface HeldOutFamily {
  id: string;
  text: string;
  /** The id of the family that says the opposite in almost the same words. */
  opposite?: string;
}

const TEXTS: ReadonlyArray<readonly [id: string, text: string, opposite?: string]> = [
  ['H01', 'Het verzekerde pand is een rijksmonument; herstel vindt plaats volgens de eisen van de monumentenwet.'],
  ['H02', 'Per gebeurtenis geldt een eigen risico van {bedrag}.'],
  ['H03', 'Het risicoadres is gewijzigd naar {adres} met ingang van {datum}.'],
  ['H04', 'Schade door storm is gedekt tot {bedrag} per gebeurtenis.', 'H05'],
  ['H05', 'Schade door storm is niet gedekt.', 'H04'],
  ['H06', 'Glasschade is inclusief de kosten van een noodvoorziening.', 'H07'],
  ['H07', 'Glasschade is exclusief de kosten van een noodvoorziening.', 'H06'],
  ['H08', 'Diefstal van fietsen uit de berging is wel gedekt.', 'H09'],
  ['H09', 'Diefstal van fietsen uit de berging is niet gedekt.', 'H08'],
  ['H10', 'Deze verzekering is afgesloten met een eigen risico van {bedrag} voor waterschade.', 'H11'],
  ['H11', 'Deze verzekering is afgesloten zonder eigen risico voor waterschade.', 'H10'],
  ['H12', 'De premie wordt per kwartaal vooruit betaald via automatische incasso.'],
  ['H13', 'Verzekeringnemer verklaart dat het pand niet leeg staat en permanent bewoond wordt.'],
  ['H14', 'De dekking voor inbraak geldt alleen als het hang- en sluitwerk voldoet aan het politiekeurmerk veilig wonen.'],
  ['H15', 'Er is een taxatierapport opgemaakt op {datum}; de verzekerde som is vastgesteld op {bedrag}.'],
  ['H16', 'Schade aan de tuin door vorst of droogte is uitgesloten.'],
  ['H17', 'De polis is op verzoek van verzekeringnemer omgezet naar een pakketpolis onder kenmerk {ref}.'],
  ['H18', 'Voor kostbaarheden geldt een maximale vergoeding van {bedrag} per voorwerp.'],
  ['H19', 'De verzekerde heeft een rieten dak; voor brandschade geldt een verhoogde premie van {pct}.'],
  ['H20', 'Schade veroorzaakt door huisdieren is meeverzekerd tot {bedrag} per jaar.'],
  ['H21', 'Aanbouw en carport zijn meeverzekerd onder deze opstalverzekering.'],
  ['H22', 'De verzekeraar vergoedt de kosten van een vervangende auto gedurende maximaal 14 dagen.'],
  ['H23', 'Schade aan de verzekerde zaken tijdens transport valt buiten de dekking.'],
  ['H24', 'De hypotheekhouder wordt bij een schade boven {bedrag} vooraf geïnformeerd.'],
  ['H25', 'De bestelbus wordt uitsluitend zakelijk gebruikt door de ondernemer en zijn personeel.'],
  ['H26', 'Voor zonnepanelen op het dak geldt een eigen risico van {bedrag} per schade.'],
  ['H27', 'De inboedel in de tweede woning in Frankrijk is meeverzekerd tot {bedrag}.'],
  ['H28', 'Het bedrijf beschikt over een brandmeldinstallatie met doormelding naar de meldkamer van de brandweer.'],
  ['H29', 'Wijzigingen in de bedrijfsactiviteiten moeten binnen dertig dagen aan de verzekeraar worden gemeld.'],
  ['H30', 'Aansprakelijkheid voor schade aan gehuurde gereedschappen is meeverzekerd tot {bedrag} per aanspraak.'],
  ['H31', 'De woning is voorzien van een inbraakalarm dat jaarlijks door een gecertificeerd bedrijf wordt onderhouden.'],
  ['H32', 'Op verzoek van de klant is de ingangsdatum van de polis gewijzigd naar {datum}.'],
  ['H33', 'Schade door grondverzakking of aardbeving is van de dekking uitgesloten.'],
  ['H34', 'Verzekerde kan tot {datum} kosteloos overstappen naar de nieuwe productvoorwaarden.'],
  ['H35', 'De no-claimkorting is overgenomen van de vorige verzekeraar conform het Roy-data overzicht.'],
  ['H36', 'De boot ligt buiten het vaarseizoen gestald in een afgesloten loods aan de {adres}.'],
  ['H37', 'Rechtsbijstand in verband met echtscheiding is niet meeverzekerd.'],
  ['H38', 'Schade aan de oprit door zware voertuigen is meeverzekerd tot maximaal {bedrag}.'],
  ['H39', 'De reisverzekering geldt wereldwijd, met uitzondering van landen waarvoor een negatief reisadvies geldt.'],
  ['H40', 'De contactpersoon voor schademeldingen is bereikbaar via het nummer op het polisblad.'],
  ['H41', 'Medeverzekerd op deze polis is de inwonende partner van verzekeringnemer.'],
  ['H42', 'De verzekerde waarde van de caravan wordt jaarlijks met {pct} verlaagd.'],
  ['H43', 'Bij schade aan de aanhangwagen geldt geen eigen risico.'],
  ['H44', 'De opstal wordt verhuurd aan een kinderdagverblijf; het verhoogde brandrisico is in de premie verdisconteerd.'],
  ['H45', 'Vanaf {datum} geldt voor deze polis een gewijzigd eigen risico van {bedrag}.'],
  ['H46', 'Graffiti op de buitenmuren van het bedrijfspand is meeverzekerd tot {bedrag} per jaar.'],
  ['H47', 'Verzekeringnemer heeft verklaard dat er in de afgelopen vijf jaar geen schades zijn geweest.'],
  ['H48', 'Dekking voor de sieraden geldt alleen als deze in een goedgekeurde kluis worden bewaard.'],
];

export const HELD_OUT_FAMILIES: ReadonlyArray<HeldOutFamily> = TEXTS.map(([id, text, opposite]) => ({ id, text, ...(opposite ? { opposite } : {}) }));

/**
 * One-off clauses: each row made from these is its own group. Assembled from a subject and a condition so that two
 * one-offs rarely share more than half their words.
 */
export const ONE_OFF_SUBJECTS = [
  'De zeilboot van verzekeringnemer',
  'Het bijgebouw achter de woning',
  'De kunstcollectie in de hal',
  'De wijnvoorraad in de kelder',
  'Het praktijkgedeelte van de tandarts',
  'De paardentrailer',
  'De verbouwing van de zolder',
  'De tijdelijke opslag in de container',
  'Het glas-in-loodraam in de voordeur',
  'De verhuurde garagebox',
  'De drone voor zakelijk gebruik',
  'Het vakantiehuis op Texel',
] as const;

export const ONE_OFF_CONDITIONS = [
  'is uitsluitend verzekerd tegen brand en blikseminslag',
  'valt tot nader order buiten de dekking van deze polis',
  'is meeverzekerd zolang het alarm is ingeschakeld',
  'wordt na de renovatie opnieuw beoordeeld door de acceptant',
  'is alleen gedekt na voorafgaande schriftelijke toestemming',
  'is verzekerd op basis van de aanschafwaarde minus afschrijving',
  'telt mee voor de berekening van de jaarpremie',
  'moet binnen drie maanden worden voorzien van rookmelders',
] as const;
