/**
 * The advice vocabulary (SPEC §9.1): labels, confidences, the fixed article texts of §9.8, the `Advice` record every
 * step produces, and the report fill colour of each label family (§10.4). Labels are user-visible Dutch strings and
 * must stay byte-exact, emoji included.
 */

export const LABELS = {
  remove: 'VERWIJDEREN',
  removeExpired: '\u{1F4C5} VERWIJDEREN (VERLOPEN)',
  replace: '\u{1F504} VERVANGEN',
  checkSimilarity: '\u{1F50D} CONTROLEER GELIJKENIS',
  keepClause: 'BEHOUDEN (CLAUSULE)',
  keepCustom: 'BEHOUDEN (MAATWERK)',
  keepObligation: 'BEHOUDEN (VERPLICHTING)',
  /** `🛠️` is U+1F6E0 U+FE0F. */
  standardise: '\u{1F6E0}\u{FE0F} STANDAARDISEREN',
  manualCheck: 'HANDMATIG CHECKEN',
  unique: '\u{2728} UNIEK',
  consistencyCheck: '\u{1F504} CONSISTENTIE CHECK',
  frequencyInfo: '\u{1F4CA} FREQUENTIE INFO',
  cleanUp: '\u{1F9F9} OPSCHONEN',
  fillIn: '\u{1F4DD} AANVULLEN',
  empty: '\u{26AA} LEEG',
  unreadable: '\u{274C} ONLEESBAAR',
} as const;

export type FixedLabel = (typeof LABELS)[keyof typeof LABELS];

/** Prefix of the custom-instruction label `📋 {action}`. */
export const CUSTOM_LABEL_PREFIX = '\u{1F4CB} ';

/** `📋 {action}` (§9.3). */
export function customInstructionLabel(action: string): string {
  return `${CUSTOM_LABEL_PREFIX}${action}`;
}

export const CONFIDENCES = ['Hoog', 'Midden', 'Laag'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Fixed article texts of §9.8 ("other steps"). */
export const ARTICLES = {
  none: '-',
  new: 'Nieuw',
  custom: 'Custom instructie',
} as const;

export interface Advice {
  /** One of LABELS, or `📋 {action}` for a custom instruction. */
  label: string;
  confidence: Confidence;
  /** Dutch reason, exact as in the SPEC. */
  reason: string;
  /** Article reference (§9.8): section reference, library code, keyword-rule article, `Custom instructie`, `Nieuw` or `-`. */
  article: string;
  /** Rule id for statistics and JSON (not a report column), e.g. `ADMIN_LEEG`, `KEYWORD_FRAUDE`, `FREQUENT`. */
  rule: string;
}

export type AdviceFamily = 'red' | 'green' | 'yellow' | 'blue' | 'orange' | 'grey';

/** RGB hex fills of §10.4 (exceljs ARGB is `FF` + this). */
export const FAMILY_FILLS: Record<AdviceFamily, string> = {
  red: 'FFC7CE',
  green: 'C6EFCE',
  yellow: 'FFEB9C',
  blue: 'DDEBF7',
  orange: 'FCE4D6',
  grey: 'EDEDED',
};

const FAMILY_BY_LABEL: ReadonlyMap<string, AdviceFamily> = new Map<string, AdviceFamily>([
  [LABELS.remove, 'red'],
  [LABELS.removeExpired, 'red'],
  [LABELS.manualCheck, 'yellow'],
  [LABELS.checkSimilarity, 'yellow'],
  [LABELS.consistencyCheck, 'yellow'],
  [LABELS.standardise, 'blue'],
  [LABELS.replace, 'blue'],
  [LABELS.empty, 'orange'],
  [LABELS.unreadable, 'orange'],
  [LABELS.cleanUp, 'orange'],
  [LABELS.fillIn, 'orange'],
  [LABELS.unique, 'grey'],
  [LABELS.frequencyInfo, 'grey'],
]);

/** Colour family of a label (§10.4); `BEHOUDEN (…)` is green and `📋 …` grey; unknown labels (or empty) get none. */
export function adviceFamily(label: string): AdviceFamily | null {
  const fixed = FAMILY_BY_LABEL.get(label);
  if (fixed) return fixed;
  if (label.startsWith('BEHOUDEN (') && label.endsWith(')')) return 'green';
  if (label.startsWith(CUSTOM_LABEL_PREFIX)) return 'grey';
  return null;
}

/** Hex fill (`FFC7CE`, …) of a label's family, or null when the label has no family. */
export function adviceFill(label: string): string | null {
  const family = adviceFamily(label);
  return family ? FAMILY_FILLS[family] : null;
}
