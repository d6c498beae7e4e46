/**
 * Advice steps 5–7 (SPEC §9.7) and the short-text advice of step 0 (§9.2): frequency, long text and the fallback
 * bands, which differ when conditions sections are loaded.
 */
import { codePointLength } from '../../util/text.ts';
import { ARTICLES, LABELS, type Advice } from '../labels.ts';

/** Simplified texts shorter than this get no automatic analysis (step 0, `SHORT_TEXT`). */
export const SHORT_TEXT_LENGTH = 10;

/** `HANDMATIG CHECKEN`, `Laag`, `-`: for a leader whose simplified text is under 10 characters, and for `NVT` rows. */
export function shortTextAdvice(): Advice {
  return {
    label: LABELS.manualCheck,
    confidence: 'Laag',
    reason: 'Tekst te kort voor automatische analyse.',
    article: ARTICLES.none,
    rule: 'SHORT_TEXT',
  };
}

/** Step 5: `freq ≥ minFrequency` → standardise. */
export function frequencyAdvice(freq: number, minFrequency: number): Advice | null {
  if (freq < minFrequency) return null;
  return {
    label: LABELS.standardise,
    confidence: 'Hoog',
    reason: `Komt vaak voor (${freq}x). Maak hiervan een standaard clausulecode.`,
    article: ARTICLES.new,
    rule: 'FREQUENT',
  };
}

/** Step 6: `|text| > maxTextLength` (code points of the trimmed leader text); the reason shows the configured maximum. */
export function longTextAdvice(text: string, maxTextLength: number): Advice | null {
  const length = codePointLength(text);
  if (length <= maxTextLength) return null;
  return {
    label: LABELS.manualCheck,
    confidence: 'Hoog',
    reason: `Tekst te lang voor automatische analyse (${length} karakters, max ${maxTextLength})`,
    article: ARTICLES.none,
    rule: 'LONG_TEXT',
  };
}

/** Step 7, always gives advice: without conditions sections by frequency band, with sections `NO_MATCH`. */
export function fallbackAdvice(freq: number, minFrequency: number, conditionsLoaded: boolean): Advice {
  if (conditionsLoaded) {
    return {
      label: LABELS.manualCheck,
      confidence: 'Laag',
      reason: 'Geen automatische match gevonden. Beoordeel handmatig of dit maatwerk is.',
      article: ARTICLES.none,
      rule: 'NO_MATCH',
    };
  }
  if (freq === 1) {
    return {
      label: LABELS.unique,
      confidence: 'Midden',
      reason: 'Komt slechts 1x voor. Mogelijk maatwerk of eenmalige afwijking.',
      article: ARTICLES.none,
      rule: 'UNIQUE',
    };
  }
  if (freq <= 5) {
    return {
      label: LABELS.consistencyCheck,
      confidence: 'Midden',
      reason: `Komt ${freq}x voor. Controleer of dit varianten zijn van dezelfde clausule.`,
      article: ARTICLES.none,
      rule: 'LOW_FREQUENCY',
    };
  }
  return {
    label: LABELS.frequencyInfo,
    confidence: 'Midden',
    reason: `Komt ${freq}x voor. Onder standaardisatie-drempel (${minFrequency}).`,
    article: ARTICLES.none,
    rule: 'MEDIUM_FREQUENCY',
  };
}

export interface TailInput {
  /** Leader raw text, trimmed. */
  text: string;
  freq: number;
}

/** Steps 5, 6 and 7 in order: the first that yields advice wins (step 7 always does). */
export function tailAdvice(input: TailInput, settings: { minFrequency: number; maxTextLength: number }, conditionsLoaded: boolean): Advice {
  return (
    frequencyAdvice(input.freq, settings.minFrequency) ??
    longTextAdvice(input.text, settings.maxTextLength) ??
    fallbackAdvice(input.freq, settings.minFrequency, conditionsLoaded)
  );
}
