import { describe, expect, it } from 'vitest';
import { correctWords, workbookCorrections, withinOneEdit } from '../../engine/normalise/spelling.ts';
import { finishSteps } from '../../engine/util/steps.ts';

const corrected = (texts: string[]) => finishSteps(workbookCorrections(texts));

/** `n` copies of a text, as a workbook holds a standard clause many times. */
const copies = (text: string, n: number) => Array.from({ length: n }, () => text);

describe('spelling against the workbook vocabulary (docs/decisions.md)', () => {
  it('one edit: insertion, deletion, substitution, adjacent swap; never two', () => {
    expect(withinOneEdit('plaats', 'lpaats')).toBe(true);
    expect(withinOneEdit('monumentenwet', 'monumentenwett')).toBe(true);
    expect(withinOneEdit('eigen', 'eiigen')).toBe(true);
    expect(withinOneEdit('geldt', 'gedt')).toBe(true);
    expect(withinOneEdit('risico', 'risicp')).toBe(true);
    expect(withinOneEdit('inclusief', 'exclusief')).toBe(false);
    expect(withinOneEdit('verzekerd', 'onverzekerd')).toBe(false);
    expect(withinOneEdit('dekking', 'dekig')).toBe(false);
    expect(withinOneEdit('same', 'same')).toBe(false);
  });

  it('reads a rare misspelling as the frequent word it is one edit from', () => {
    const texts = [...copies('herstel vindt plaats volgens de monumentenwet', 20), 'herstel vindt lpaats volgens de monumentenwett'];
    const corrections = corrected(texts);
    expect(corrections.get('lpaats')).toBe('plaats');
    expect(corrections.get('monumentenwett')).toBe('monumentenwet');
    expect(corrections.has('plaats')).toBe(false);
  });

  it('needs support: the word must be four times as frequent and occur at least three times', () => {
    expect(corrected([...copies('storm schade', 2), 'storm schdae']).size).toBe(0);
    expect(corrected([...copies('storm schade', 7), ...copies('storm schdae', 2)]).size).toBe(0);
    expect(corrected([...copies('storm schade', 4), 'storm schdae']).get('schdae')).toBe('schade');
    // Two equally common spellings are both words, neither a typo of the other.
    expect(corrected([...copies('gedekt', 5), ...copies('gedekte', 5)]).size).toBe(0);
  });

  it('leaves short words, numbers and placeholders alone', () => {
    const corrections = corrected([...copies('van het 2500 [BEDRAG]', 30), 'vn hte 2501 [BEDRAG]']);
    expect(corrections.size).toBe(0);
  });

  it('never corrects a negation away, and reads a word as a negation only when nothing else qualifies', () => {
    const texts = [...copies('het gebouw dient beveiligd te zijn', 10), ...copies('dit is niet gedekt', 30), 'het gebouw diet beveiligd te zijn', 'dit is niiet gedekt', 'dit is wel gedekt'];
    const corrections = corrected(texts);
    expect(corrections.get('diet')).toBe('dient');
    expect(corrections.get('niiet')).toBe('niet');
    expect(corrections.has('niet')).toBe(false);
  });

  it('rewrites words in the raw text in their own case, so placeholder rules see them', () => {
    const corrections = new Map([['eurq', 'euro'], ['procnet', 'procent'], ['eiigen', 'eigen']]);
    expect(correctWords('Eiigen risico 500 eurq, korting 5 PROCNET.', corrections)).toBe('Eigen risico 500 euro, korting 5 PROCENT.');
    expect(correctWords('niets te doen', new Map())).toBe('niets te doen');
  });
});
