/**
 * Dutch descriptions of the settings, for package.nls.nl.json. The English ones are SETTING_SPECS' own; a unit test
 * fails when a setting of SETTING_SPECS (or of the extension) has no Dutch text here.
 */
import { MODES, SIGNAL_IDS, type Mode } from '../../../engine/config/settings.ts';

const MODE_NL: Record<Mode, string> = { fast: 'snelle', balanced: 'gebalanceerde', accurate: 'nauwkeurige' };

/** One text per mode and signal, so every weight reads alike. */
const WEIGHTS_NL = Object.fromEntries(
  MODES.flatMap((mode) =>
    SIGNAL_IDS.map((signal) => [
      `weights.${mode}.${signal}`,
      `Gewicht van het signaal ${signal} in de ${MODE_NL[mode]} modus (0: uit); de gewichten worden herschaald tot som 1 over de beschikbare signalen.`,
    ]),
  ),
);

const modelNl = (mode: Mode) => `Sentence-embeddingmodel in de ${MODE_NL[mode]} modus (model-id, lokale map of none).`;

export const SETTING_DESCRIPTIONS_NL: Record<string, string> = {
  clusterAccuracy: 'Clusternauwkeurigheid in procent; de clusterdrempel is t = clusterAccuracy / 100.',
  mode: 'Analysemodus: welke signalen aan staan en hun gewichten (fast: fuzzy + stemmed; balanced en accurate voegen TF-IDF, synoniemen en embeddings toe).',
  policy: 'Scorebeleid: full berekent elk signaal (de referentie), lossless stopt vroeg met dezelfde beslissingen, seed gebruikt de verliesgevende vroege uitstappen van v1.1.',
  leaderSearch: 'Hoe kandidaat-leiders worden gevonden: index (q-gramindex, dezelfde clusters als exhaustive), window (oud: de laatste windowSize leiders) of exhaustive (elke leider).',
  windowSize: 'Aantal meest recente leiders dat wordt vergeleken als leaderSearch window is.',
  minFrequency: 'Clusters met minstens zoveel rijen krijgen het advies te standaardiseren.',
  minTextLength: 'Vereenvoudigde teksten korter dan dit worden niet geclusterd (cluster-id NVT: niet van toepassing).',
  maxTextLength: 'Teksten langer dan dit worden gemarkeerd voor handmatige controle.',
  lengthTolerance: 'Relatief lengteverschil waarboven een leider wordt overgeslagen.',
  normalisedGate: 'Minimale score van fase 1 (vereenvoudigde teksten) voordat de clusterteksten worden vergeleken.',
  'grouping.stripBoilerplate': 'Labels, opsommingstekens en nummering vóór een clausule (Clausule:, Let op:, NB:, *, -, 1.) negeren bij het groeperen.',
  'grouping.correctSpelling': 'Een zeldzaam woord dat één typefout verschilt van een veel vaker woord in de werkmap in de clustertekst als dat woord lezen.',
  'grouping.order': 'Volgorde waarin rijen de leiders tegenkomen: frequency (de vaakst voorkomende clustertekst eerst, zodat de gangbare vorm van een clausule haar groep leidt) of length (langste eerst, de oude volgorde).',
  'grouping.polarityGuard': 'Nooit twee clausules groeperen waarvan de ontkenningen verschillen (niet, geen, zonder, exclusief, uitgesloten, wel, inclusief, …).',
  'grouping.consolidate': 'Na de leiderronde elk cluster samenvoegen met een groter cluster waarbij zijn eigen leider zou aansluiten.',
  'seed.exitLow': 'Seed-beleid: direct na fuzzy afwijzen als fuzzy onder deze waarde ligt.',
  'seed.exitHigh': 'Seed-beleid: direct na fuzzy accepteren als fuzzy deze waarde bereikt.',
  'seed.partialAccept': 'Seed-beleid: na fuzzy + stemmed accepteren als hun gewogen gemiddelde deze waarde bereikt.',
  'seed.partialReject': 'Seed-beleid: na fuzzy + stemmed afwijzen als de best mogelijke score onder deze waarde ligt.',
  'seed.skipEmbeddingsAt.balanced': 'Seed-beleid, gebalanceerde modus: embeddings overslaan als fuzzy deze waarde bereikt.',
  'seed.skipEmbeddingsAt.accurate': 'Seed-beleid, nauwkeurige modus: embeddings overslaan als fuzzy deze waarde bereikt.',
  ...WEIGHTS_NL,
  fastFloor: 'De gebalanceerde en nauwkeurige modus scoren een paar nooit lager dan met de gewichten van de snelle modus, zodat hun extra signalen meer overeenkomsten kunnen vinden maar er nooit een verliezen die fuzzy en stemmed vinden.',
  signalOrder: 'Signalen op kostenvolgorde, goedkoopste eerst; de cascade berekent ze in deze volgorde.',
  'prescreen.minFuzzy': 'Referenties zoeken: minimale fuzzy-score waarmee een bibliotheekitem of voorwaardensectie kandidaat blijft.',
  'prescreen.topK': 'Referenties zoeken: aantal kandidaten dat na de voorselectie overblijft.',
  'embeddings.model.fast': modelNl('fast'),
  'embeddings.model.balanced': modelNl('balanced'),
  'embeddings.model.accurate': `${modelNl('accurate')} Hier kan een groter meertalig model worden genoemd.`,
  'embeddings.modelDir': 'Map waarin lokale modellen worden gezocht (leeg: de cachemap van de gebruiker).',
  'embeddings.allowRemote': 'Een ontbrekend model mogen downloaden van de modelhub (uit: offline, het normale geval).',
  'embeddings.quantized': 'De gekwantiseerde (q8) variant van het model laden in plaats van fp32.',
  'embeddings.batchSize': 'Teksten per inferentiebatch.',
  'embeddings.maxTokens': 'Aantal tokens waarop invoer voor embeddings wordt afgekapt.',
  'embeddings.diskCache': 'Embeddingvectoren tussen runs op schijf bewaren.',
  'embeddings.cacheDir': 'Map van de vectorcache op schijf (leeg: de cachemap van de gebruiker).',
  clusterNames: 'Bron van clusternamen: rules (code + thema) of keyTerms (belangrijkste TF-IDF-termen).',
  singletonLabel: '"Unieke teksten - {Advies} ({Vertrouwen})" tonen als naam van clusters met één rij.',
  'input.sheet': 'Werkblad om te lezen: een bladnaam of index vanaf 1 (leeg: het eerste werkblad).',
  'input.textColumn': 'Kop van de kolom met clausuleteksten (leeg: automatisch bepaald).',
  'input.policyColumn': 'Kop van de kolom met polisnummers, of none (leeg: automatisch bepaald).',
  referenceDate: '"Nu" voor de controle op verlopen datums, JJJJ-MM-DD (leeg: vandaag, lokale tijd).',
  partitions: 'Aantal blokken waarin de rijen voor het clusteren worden verdeeld (1: niet verdeeld). Bijna gelijke clausules delen een blok (MinHash/LSH over q-grammen van tekens); blokken worden parallel geclusterd, daarna worden clusters waarvan de leiders de acceptatieregel halen over blokken heen samengevoegd. Boven 1 is het resultaat niet gegarandeerd gelijk aan de onverdeelde run.',
  devMode: 'Ontwikkelaarsmodus: elke vroege uitstap van de cascade loggen.',
  threads: 'Threads voor normalisatie, de adviescontroles per tekst en de blokken van een gepartitioneerde analyse (1: alles in de hoofdthread; 0: één per beschikbare kern, os.availableParallelism()). De resultaten zijn voor elk aantal gelijk; meer threads loonden niet op 2 kernen (docs/scaling.md).',
  conditions: 'Voorwaardendocumenten (.pdf, .docx, .txt) voor de adviesstappen. Relatieve paden gelden vanaf de eerste werkruimtemap.',
  library: 'Werkmap met de clausulebibliotheek (.xlsx of .csv); leeg voor geen. Relatief ten opzichte van de eerste werkruimtemap.',
  instructions: 'Bestand met eigen instructies (.xlsx, .csv of .txt); leeg voor geen. Relatief ten opzichte van de eerste werkruimtemap.',
};

export const UNTRUSTED_DESCRIPTION_NL =
  'Analyse en drempels afstemmen lezen alleen de werkmap en werken in niet-vertrouwde werkruimten; experimenttaken en notitieblokken voeren code uit de werkruimte uit en vereisen vertrouwen. Instellingen die naar mappen of referentiebestanden wijzen, worden alleen uit uw gebruikersinstellingen gehaald.';
