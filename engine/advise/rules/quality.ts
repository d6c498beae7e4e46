/**
 * Data-quality checks of SPEC Appendix C (advice step 0, evaluated on the leader's and on every row's raw text; the
 * first hit wins): empty, too short, placeholder, encoding damage, unreadable, expired date.
 */
import { codePointLength, matchesKeyword, percent, trimUnicode } from '../../util/text.ts';
import { ARTICLES, LABELS, type Advice, type Confidence } from '../labels.ts';
import type { ParallelTask } from '../../util/parallel.ts';

export type QualityType = 'LEEG' | 'TE_KORT' | 'PLACEHOLDER' | 'ENCODING' | 'ONLEESBAAR' | 'VEROUDERD';

const MIN_LENGTH = 10;
const UNREADABLE_MIN_CHARS = 20;
const UNREADABLE_MIN_LETTER_SHARE = 0.25;
const DATE_CONTEXT = 100;
const TAXATION_YEARS = 3;

function admin(type: QualityType, label: string, confidence: Confidence, reason: string): Advice {
  return { label, confidence, reason, article: ARTICLES.none, rule: `ADMIN_${type}` };
}

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /\[(?:invullen|naam|adres|bedrag|datum)\]/iu,
  /\[[^\[\]\d]{1,40}\]/iu,
  /(?<!\p{L})x{3,}(?!\p{L})/iu,
  /_{3,}/iu,
  /\.{4,}/iu,
  /€\s*[-_]{2,}/iu,
  /\?{3,}/iu,
];

const MOJIBAKE = ['Ã©', 'Ã«', 'Ã¯', 'Ã¶', 'Ã¼', 'â€™', 'â€œ', 'â€', 'ï»¿'] as const;
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F]/u;

/** `U+0007` for a control character. */
export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function placeholderCheck(text: string): Advice | null {
  for (const pattern of PLACEHOLDER_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return admin('PLACEHOLDER', LABELS.fillIn, 'Hoog', `PLACEHOLDER: Tekst bevat placeholder: '${match[0]}'`);
  }
  return null;
}

function encodingCheck(text: string): Advice | null {
  const mojibake = MOJIBAKE.find((sequence) => text.includes(sequence));
  const control = mojibake ? null : CONTROL_CHAR.exec(text);
  const shown = mojibake ?? (control ? codePointLabel(control[0]) : null);
  return shown === null ? null : admin('ENCODING', LABELS.cleanUp, 'Hoog', `ENCODING: Tekst bevat encoding-fouten: '${shown}'`);
}

// Counted by removing runs rather than testing each character: one regex test per character was most of step 0's
// time (~0.9 s at 100,000 rows).
const WHITE_SPACE_RUNS = /\p{White_Space}+/gu;
const NON_LETTER_RUNS = /\P{L}+/gu;

function unreadableCheck(text: string): Advice | null {
  if (text.includes('\uFFFD')) return admin('ONLEESBAAR', LABELS.unreadable, 'Midden', 'ONLEESBAAR: Tekst bevat onleesbare tekens');
  const visible = codePointLength(text.replace(WHITE_SPACE_RUNS, ''));
  if (visible < UNREADABLE_MIN_CHARS) return null;
  const letters = codePointLength(text.replace(NON_LETTER_RUNS, ''));
  const share = letters / visible;
  if (share >= UNREADABLE_MIN_LETTER_SHARE) return null;
  return admin('ONLEESBAAR', LABELS.unreadable, 'Midden', `ONLEESBAAR: Tekst bevat te weinig letters (${percent(share)}% letters)`);
}

// ---- C6: expired dates ---------------------------------------------------------------------------------------------

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH = `(?:${MONTHS.join('|')})`;
const DAY_MONTH_YEAR = /(?<!\d)(\d{1,2})[-/](\d{1,2})[-/]((?:19|20)\d{2})(?!\d)/gu;
const YEAR_MONTH_DAY = /(?<!\d)((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/gu;
const DAY_MONTHNAME_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})\\s+(${MONTH})\\s+((?:19|20)\\d{2})(?!\\d)`, 'gu');

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface FoundDate {
  date: CalendarDate;
  /** UTF-16 offsets of the match in the lower-cased text. */
  start: number;
  end: number;
  /** As written in the text. */
  written: string;
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isPossibleDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= days;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `YYYY-MM-DD` → calendar date; throws on anything else. */
export function parseReferenceDate(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!date || !isPossibleDate(date)) throw new Error(`referenceDate must be a date written as YYYY-MM-DD, got "${value}"`);
  return date;
}

/** Dates of Appendix C in text order (impossible dates ignored); `lower` is the lower-cased text. */
export function findDates(lower: string, original = lower): FoundDate[] {
  const sameOffsets = original.length === lower.length;
  const found: FoundDate[] = [];
  const add = (match: RegExpMatchArray, date: CalendarDate): void => {
    if (!isPossibleDate(date)) return;
    const start = match.index!;
    const end = start + match[0].length;
    found.push({ date, start, end, written: sameOffsets ? original.slice(start, end) : match[0] });
  };
  for (const m of lower.matchAll(DAY_MONTH_YEAR)) add(m, { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) });
  for (const m of lower.matchAll(YEAR_MONTH_DAY)) add(m, { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  for (const m of lower.matchAll(DAY_MONTHNAME_YEAR)) {
    add(m, { day: Number(m[1]), month: MONTHS.indexOf(m[2]!) + 1, year: Number(m[3]) });
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

type ContextEffect = 'ignore' | 'taxation' | 'flag';
interface ContextGroup {
  name: string;
  keywords: readonly string[];
  effect: ContextEffect;
}

const CONTEXT_GROUPS: readonly ContextGroup[] = [
  {
    name: 'reference',
    effect: 'ignore',
    keywords: ['d.d.', 'specificatie', 'christie', 'sotheby', 'overzicht', 'lijst', 'conform', 'volgens', 'ontvangen op', 'opgesteld', 'gedateerd', 'de dato', 'dd', 'per datum'],
  },
  { name: 'birth', effect: 'ignore', keywords: ['geboren', 'geboortedatum', 'geboorte', 'birth', 'dob'] },
  {
    name: 'legal',
    effect: 'ignore',
    keywords: ['wet van', 'wetgeving', 'staatsblad', 'artikel', 'bw', 'burgerlijk wetboek', 'wft', 'awb', 'besluit', 'regeling', 'richtlijn', 'verordening'],
  },
  {
    name: 'taxation',
    effect: 'taxation',
    keywords: ['taxatie', 'rapport', 'waardebepaling', 'deskundige', '7:960', 'taxatierapport', 'taxatiedatum', 'getaxeerd', 'hertaxatie', 'waardering'],
  },
  {
    name: 'version',
    effect: 'ignore',
    keywords: ['versie', 'model', 'gedeponeerd', 'kenmerk', 'voorwaarden', 'clausuleblad', 'depot', 'ingediend', 'polisvoorwaarden', 'algemene voorwaarden', 'van toepassing'],
  },
  {
    name: 'expiry',
    effect: 'flag',
    keywords: ['uiterlijk', 'dient te zijn', 'operationeel', 'einddatum', 'vervalt per', 'geldig tot', 'geldig tot en met', 'looptijd tot', 'vervaldatum', 'eindigt op', 'tot uiterlijk', 'ten laatste', 'deadline'],
  },
];

const TAXATION_TEXT_KEYWORDS = ['taxatie', 'rapport', 'waardebepaling', '7:960', 'getaxeerd'];
/** `voor`/`vóór` counts only as the word directly before the date. */
const VOOR_BEFORE_DATE = /(?<![\p{L}\p{M}\p{N}_])(?:voor|vóór)\s+$/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** Offset `count` code points before (`step` −1) or after (`step` +1) `index`, clamped to the text. */
function moveCodePoints(text: string, index: number, count: number, step: 1 | -1): number {
  let at = index;
  for (let n = 0; n < count; n++) {
    if (step < 0) {
      if (at <= 0) return 0;
      at -= at >= 2 && /[\uDC00-\uDFFF]/.test(text[at - 1]!) && /[\uD800-\uDBFF]/.test(text[at - 2]!) ? 2 : 1;
    } else {
      if (at >= text.length) return text.length;
      at += /[\uD800-\uDBFF]/.test(text[at]!) && /[\uDC00-\uDFFF]/.test(text[at + 1] ?? '') ? 2 : 1;
    }
  }
  return at;
}

/**
 * The ±100 code point window around a date. Where the window cuts through a word, an `_` (a word character no
 * keyword starts or ends with) stands in for the cut-off part, so the window edge never fakes a word boundary.
 */
function dateContext(lower: string, found: FoundDate): string {
  const from = moveCodePoints(lower, found.start, DATE_CONTEXT, -1);
  const to = moveCodePoints(lower, found.end, DATE_CONTEXT, 1);
  const before = from > 0 && WORD_CHAR.test(String.fromCodePoint(lower.codePointAt(from - 1) ?? 32)) ? '_' : '';
  const afterChar = to < lower.length ? String.fromCodePoint(lower.codePointAt(to)!) : ' ';
  const after = WORD_CHAR.test(afterChar) ? '_' : '';
  return before + lower.slice(from, to) + after;
}

function contextEffect(lower: string, found: FoundDate): ContextEffect {
  const context = dateContext(lower, found);
  for (const group of CONTEXT_GROUPS) {
    const hit =
      group.keywords.some((keyword) => matchesKeyword(context, keyword)) ||
      (group.effect === 'flag' && VOOR_BEFORE_DATE.test(lower.slice(0, found.start).normalize('NFC')));
    if (hit) return group.effect;
  }
  return 'ignore';
}

/** More than three years before the reference date, on exact dates: date + 3 years < reference. */
function olderThanTaxationLimit(date: CalendarDate, reference: CalendarDate): boolean {
  return compareDates({ ...date, year: date.year + TAXATION_YEARS }, reference) < 0;
}

/** The first flagged past date, or null. */
export function flaggedDate(text: string, reference: CalendarDate): FoundDate | null {
  const lower = text.toLowerCase();
  for (const found of findDates(lower, text)) {
    if (compareDates(found.date, reference) >= 0) continue;
    const effect = contextEffect(lower, found);
    if (effect === 'flag' || (effect === 'taxation' && olderThanTaxationLimit(found.date, reference))) return found;
  }
  return null;
}

function expiredDateCheck(text: string, reference: CalendarDate): Advice | null {
  const found = flaggedDate(text, reference);
  if (!found) return null;
  const lower = text.toLowerCase();
  if (TAXATION_TEXT_KEYWORDS.some((keyword) => matchesKeyword(lower, keyword))) {
    return admin(
      'VEROUDERD',
      LABELS.manualCheck,
      'Hoog',
      `VEROUDERD: Taxatierapport ouder dan 3 jaar (${found.written}). Controleer of hertaxatie nodig is.`,
    );
  }
  return admin('VEROUDERD', LABELS.removeExpired, 'Hoog', `VEROUDERD: Verlopen deadline/termijn gevonden: ${found.written}`);
}

/**
 * Appendix C on a raw text: C1 empty, C2 too short, C3 placeholder, C4 encoding damage, C5 unreadable, C6 expired
 * date; the first hit wins. `referenceDate` is `YYYY-MM-DD` ("now" for C6). Returns null when no check hits.
 */
export function qualityAdvice(rawText: string, referenceDate: string | CalendarDate): Advice | null {
  const trimmed = trimUnicode(rawText);
  if (trimmed === '') return admin('LEEG', LABELS.empty, 'Hoog', 'LEEG: Tekst is leeg');
  const length = codePointLength(trimmed);
  if (length < MIN_LENGTH) return admin('TE_KORT', LABELS.manualCheck, 'Hoog', `TE_KORT: Tekst is te kort (${length} tekens)`);
  const reference = typeof referenceDate === 'string' ? parseReferenceDate(referenceDate) : referenceDate;
  return placeholderCheck(rawText) ?? encodingCheck(rawText) ?? unreadableCheck(rawText) ?? expiredDateCheck(rawText, reference);
}

/** Per distinct raw text: its step-0 advice (SPEC §9.2) against the reference date setting. */
export const QUALITY_ADVICE: ParallelTask<string, Advice | null, string> = {
  id: 'advise.quality',
  run: (texts, referenceDate) => {
    const reference = parseReferenceDate(referenceDate);
    return texts.map((text) => qualityAdvice(text, reference));
  },
};
