/**
 * The hand-written clauses of the advice sample (SPEC Appendix C): one table per advice the sample must show, kept
 * apart from the generator that varies and mixes them (advice.ts).
 */
import { LABELS as ADVICE } from '../advise/labels.ts';

/** Conditions restated: one or two sentences of an article, verbatim (step 3, exact) or with one dropped letter. */
export const RESTATED: readonly (readonly [number: string, from: number, count: number])[] = [
  ['2.2', 0, 1],
  ['2.4', 0, 2],
  ['2.6', 0, 1],
  ['2.13', 0, 1],
  ['2.12', 0, 2],
  ['4.1', 0, 1],
  ['5.2', 0, 2],
  ['6.3', 0, 1],
  ['9.3', 0, 2],
  ['10.1', 0, 1],
];

/**
 * Conditions restated with a fixed light edit, so no row contains the article text: the best-section strategy
 * decides (≥ 0.85 → `VERWIJDEREN`; designed near 0.99 for a dropped stop-word and near 0.9 for one changed word).
 * Subtle: never an article's first sentence — the header line has no full stop, so it is glued to the first
 * sentence in every sentence window (SPEC §9.5 splits at `.`, `!`, `?` only) and an edited first sentence scores
 * only about 0.7 (`HANDMATIG CHECKEN`).
 */
export const RESTATED_EDITED: readonly (readonly [number: string, from: number, count: number, edits: readonly (readonly [string, string])[]])[] = [
  ['6.2', 1, 1, [[' met een vastgestelde', ' met vastgestelde']]],
  ['8.2', 1, 1, [['drie maanden', 'vier maanden']]],
];

/** Library near-copies ≥ 0.95: stop-words or punctuation changed only. */
export const LIBRARY_EXACT: readonly (readonly [code: string, edits: readonly (readonly [string, string])[]])[] = [
  ['VB05', [[' een harde', ' harde']]],
  ['SLT1', [[' van een cilinderslot', ' van cilinderslot']]],
  ['GLS1', [[' tot een maximum', ' tot maximum']]],
  ['AAN1', [[', ook als', ' ook als']]],
  ['RIE1', [[' op de schoorsteen', ' op schoorsteen']]],
  ['HOB1', [['tot een maximum', 'tot maximum']]],
  ['HUI1', [['als onderdeel van de inboedel', 'als onderdeel van inboedel']]],
  ['LEK1', [['van een lekkage', 'van lekkage']]],
];

/** Library near-copies 0.85–0.95: one or two content words changed. */
export const LIBRARY_SIMILAR: readonly (readonly [code: string, edits: readonly (readonly [string, string])[]])[] = [
  ['KLS1', [['opgeborgen', 'bewaard']]],
  ['VB08', [['drie jaar', 'vijf jaar']]],
  ['SEC1', [['wordt alleen vergoed', 'wordt slechts vergoed']]],
  ['ZON1', [['de vervangingswaarde', 'de nieuwwaarde']]],
  ['VB04', [['uitsluitend', 'alleen']]],
  ['LEE1', [['wekelijks', 'maandelijks']]],
];

/** Clauses that contain an instruction's search text (step 1, contains → 100%). */
export const INSTRUCTED: readonly (readonly [id: string, search: string, template: string])[] = [
  ['I-ER250', 'eigen risico bedraagt € 250 per schadegeval', 'Voor de inboedel in de berging geldt: het eigen risico bedraagt € 250 per schadegeval, ook bij diefstal uit de berging.'],
  ['I-SANCTIE', 'in strijd met sanctiewetgeving', 'Een uitkering aan een begunstigde buiten Nederland wordt niet gedaan als zij in strijd met sanctiewetgeving zou zijn.'],
  ['I-FRAUDE', 'Bij fraude vervalt ieder recht', 'Bij fraude vervalt ieder recht op uitkering, ook voor de medeverzekerden die op het polisblad staan vermeld.'],
  ['I-VWR', 'vervangende woonruimte', 'Na brand in de keuken is vervangende woonruimte in een vakantiepark in de buurt meeverzekerd tot {bedrag}.'],
];

/** Keyword-rule clauses (step 4): the rule's keywords, no earlier rule's, worded away from articles and library. */
export const KEYWORDED: readonly (readonly [id: string, rule: string, label: string, template: string])[] = [
  ['K-MOLEST', 'molest', ADVICE.keepClause, 'Voor de feestzaal en het terras is molest meeverzekerd, inclusief schade door relschoppers na afloop van carnavalsoptochten, tot {bedrag}.'],
  ['K-BRAAK', 'braak_clausule', ADVICE.keepClause, 'Diefstal van tuingereedschap en fietsen uit de houten schuur wordt alleen vergoed als de politie sporen van braak aan de schuurdeur heeft vastgesteld.'],
  ['K-JUWELEN', 'juwelen_sieraden', ADVICE.keepCustom, 'De sieraden en horloges van de erfgenamen blijven tot de boedelverdeling in de kluis van de notaris en zijn daar verzekerd tot {bedrag}.'],
  ['K-ALARM', 'alarm_beveiliging', ADVICE.keepObligation, 'De apotheek moet beschikken over een alarm met doormelding naar de meldkamer van een bewakingsdienst; de sleutelhouders staan op de bijlage.'],
  ['K-MONUMENT', 'monumenten', ADVICE.keepCustom, 'De boerderij is een gemeentelijk monument; bij herstel worden de rieten kap, de luiken en het smeedwerk in oude staat teruggebracht.'],
  ['K-SECUNDAIR', 'secundaire_dekking', ADVICE.keepClause, 'Voor de zeilboot in de jachthaven geldt deze polis als secundaire verzekering naast de pleziervaartuigverzekering van de vereniging.'],
  ['K-BUITENLAND', 'buitenland', ADVICE.keepCustom, 'Tijdens een sabbatical in het buitenland van ten hoogste negen maanden blijft de opgeslagen inboedel in de container verzekerd.'],
  ['K-VERHUUR', 'verhuur', ADVICE.keepCustom, 'De zolderkamer wordt verhuurd aan een student; laptop, fiets en kleding van de huurder vallen niet onder deze polis.'],
  ['K-TAXATIE', 'taxatie', ADVICE.manualCheck, 'De taxatie van de windmolen gaat uit van de herbouwwaarde inclusief het gaande werk, de wieken en de maalstenen.'],
  ['K-OVERDEKKING', 'overdekking', ADVICE.manualCheck, 'Voor de voorraad kerstbomen en vuurwerkvrije decoraties in december geldt een overdekking van {pct} boven de verzekerde som.'],
  ['K-ANNULERING', 'annulering', ADVICE.manualCheck, 'Annulering van de groepsreis naar Lapland door ziekte van de reisleider of sneeuwtekort wordt vergoed tot {bedrag} per deelnemer.'],
  ['K-EVACUATIE', 'evacuatie', ADVICE.manualCheck, 'Bij een evacuatie wegens hoogwater op bevel van het bevoegd gezag worden de kosten van opvang van het vee vergoed tot {bedrag}.'],
];

/** Standard texts without any step of 1–4, each at least 20 times: `🛠️ STANDAARDISEREN` (step 5). */
export const STANDARD: readonly (readonly [id: string, template: string])[] = [
  ['S-ROOKMELDER', 'Verzekerde test de rookmelders in de woning twee keer per jaar en vervangt lege batterijen direct; een defecte rookmelder wordt binnen een week vervangen.'],
  ['S-PAKKET', 'Op deze polis is de pakketkorting van {pct} verwerkt omdat verzekeringnemer drie of meer producten in hetzelfde pakket heeft ondergebracht.'],
];

/** Past deadlines (C6 expiry context): the row advice is `📅 VERWIJDEREN (VERLOPEN)`. */
export const EXPIRED: readonly (readonly [id: string, template: string])[] = [
  ['Q-VERLOPEN-SLOT', 'Het inbraakwerend hang- en sluitwerk aan de achterzijde dient uiterlijk {datum} te zijn aangebracht.'],
  ['Q-VERLOPEN-KEET', 'Deze tijdelijke dekking voor de bouwkeet met gereedschap is geldig tot {datum}.'],
  ['Q-VERLOPEN-DAK', 'Het rieten dak moet vóór {datum} zijn behandeld met een brandvertragend middel.'],
];

/** Taxation dates more than three years before the reference date: `HANDMATIG CHECKEN` (VEROUDERD). */
export const OLD_TAXATION: readonly (readonly [id: string, template: string])[] = [
  ['Q-TAXATIE-PIANO', 'Taxatie van de vleugel en de strijkinstrumenten uitgevoerd op {datum} door een erkend taxateur.'],
  ['Q-TAXATIE-INBOEDEL', 'De inboedel is getaxeerd op {datum}; de getaxeerde waarde geldt als uitgangspunt bij schade.'],
];

/** Placeholders (C3): `📝 AANVULLEN`. */
export const PLACEHOLDERS: readonly (readonly [id: string, text: string])[] = [
  ['Q-PH-INVULLEN', 'De verzekerde som voor de bedrijfsinventaris bedraagt [invullen] per gebeurtenis.'],
  ['Q-PH-XXX', 'Polisnummer xxx vervangt met ingang van de nieuwe contractstermijn de vorige polis van verzekeringnemer.'],
  ['Q-PH-LIJN', 'De verzekerde waarde van de collectie postzegels bedraagt ____ volgens opgave van verzekerde.'],
];

/** Encoding damage (C4): `🧹 OPSCHONEN`. */
export const ENCODING: readonly (readonly [id: string, text: string])[] = [
  ['Q-ENC-CAFE', 'Verzekerde exploiteert een cafÃ© aan huis; de inventaris van het cafÃ© is meeverzekerd.'],
  ['Q-ENC-ECHT', 'De coÃ«xistentie van twee bedrijven in Ã©Ã©n pand is vooraf gemeld aan de verzekeraar.'],
];

/** Unreadable (C5): `❌ ONLEESBAAR`. */
export const GARBLED: readonly (readonly [id: string, text: string])[] = [
  ['Q-GARBLED-1', '#### 1234 /// ---- 5678 //// **** 90'],
  ['Q-GARBLED-2', '<<<< 00-11-22 >>>> ~~~~ #### 3141 ++++'],
  ['Q-GARBLED-3', 'Sch\u{FFFD}de aan de w\u{FFFD}ning door st\u{FFFD}rm is gedekt tot het verzekerde bedrag.'],
];
