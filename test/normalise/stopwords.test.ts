import { describe, expect, it } from 'vitest';
import { DUTCH_STOPWORDS, isStopword } from '../../engine/normalise/stopwords.ts';

describe('Dutch stop-words (SPEC Appendix D)', () => {
  it('holds the 101 Snowball words', () => {
    expect(DUTCH_STOPWORDS.size).toBe(101);
    for (const word of ['de', 'en', 'van', 'niet', 'geen', 'u', 'ge', 'geweest', 'andere', 'uw', 'wezen']) {
      expect(isStopword(word)).toBe(true);
    }
  });

  it('is exact: content words, capitals and placeholders are not stop-words', () => {
    for (const token of ['polis', 'per', 'De', 'vandaag', 'dekking', '[BEDRAG]', '']) {
      expect(isStopword(token)).toBe(false);
    }
  });
});
