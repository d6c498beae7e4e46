import { describe, expect, it } from 'vitest';
import { clusteringText } from '../../engine/normalise/clustering.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { stem } from '../../engine/normalise/stem.ts';
import { stemString, stemmedTokens, tokens } from '../../engine/normalise/tokens.ts';

describe('stem (Dutch Snowball)', () => {
  it('stems Dutch words', () => {
    expect(stem('verzekeringen')).toBe('verzeker');
    expect(stem('verzekering')).toBe('verzeker');
    expect(stem('opgenomen')).toBe('opgenom');
    expect(stem('lopende')).toBe('lopend');
  });

  it('returns placeholders unchanged', () => {
    for (const token of ['[BEDRAG]', '[DATUM]', '[ADRES]', '[REFNR]']) expect(stem(token)).toBe(token);
  });

  it('is memoised and stable', () => {
    expect(stem('verzekeringen')).toBe(stem('verzekeringen'));
    expect(stem('')).toBe('');
  });
});

describe('tokens', () => {
  it('splits a simplified or clustering text on spaces; placeholders are single tokens', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens(simplify('Eigen risico € 2.500,-'))).toEqual(['eigen', 'risico', '2500']);
    expect(tokens(clusteringText('Eigen risico € 2.500,- per schade'))).toEqual([
      'eigen', 'risico', '[BEDRAG]', 'per', 'schade',
    ]);
  });
});

describe('stemmedTokens / stemString (SPEC §6.3)', () => {
  it('drops stop-words and stems the rest, placeholders kept', () => {
    const text = clusteringText('De verzekering van het gebouw is € 500 per jaar');
    expect(text).toBe('de verzekering van het gebouw is [BEDRAG] per jaar');
    expect(stemmedTokens(text)).toEqual(['verzeker', 'gebouw', '[BEDRAG]', 'per', 'jar']);
    expect(stemString(text)).toBe('verzeker gebouw [BEDRAG] per jar');
  });

  it('gives the empty string for a text of stop-words only', () => {
    expect(stemmedTokens('de en van het')).toEqual([]);
    expect(stemString('de en van het')).toBe('');
    expect(stemString('')).toBe('');
  });

  it('makes inflected copies compare equal', () => {
    expect(stemString(simplify('Verzekeringen van gebouwen'))).toBe(stemString(simplify('verzekering gebouwen')));
  });
});
