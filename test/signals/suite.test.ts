import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { combinedScore } from '../../engine/signals/weights.ts';
import { SignalSuite } from '../../engine/signals/suite.ts';
import { FakeEmbeddingProvider } from '../cascade/helpers.ts';

const CORPUS = ['de auto is verzekerd tegen brand', 'schade aan het huis'];
const settings = (overrides: Record<string, unknown> = {}) => resolveSettings({ referenceDate: '2026-01-01', ...overrides });

describe('SignalSuite (SPEC §6.7)', () => {
  it('fast mode has exactly fuzzy and stemmed, weights 0.6 / 0.4', () => {
    const suite = new SignalSuite({ settings: settings({ mode: 'fast' }), tfidfCorpus: CORPUS });
    expect(suite.ids).toEqual(['fuzzy', 'stemmed']);
    expect(suite.weights[0]).toBeCloseTo(0.6, 15);
    expect(suite.weights[1]).toBeCloseTo(0.4, 15);
    expect(suite.status.unavailable).toEqual([]);
    expect(suite.status.enabled).toEqual(['fuzzy', 'stemmed']);
    expect(suite.tfidf).toBeNull();
    expect(suite.provider).toBeNull();
  });

  it('renormalises the weights over the available signals', () => {
    const suite = new SignalSuite({ settings: settings({ mode: 'balanced' }), tfidfCorpus: CORPUS, embeddings: { available: false, reason: 'model missing' } });
    expect(suite.ids).toEqual(['fuzzy', 'stemmed', 'tfidf', 'synonyms']);
    const expected = [0.3, 0.25, 0.15, 0.15].map((w) => w / 0.85);
    suite.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 15));
    expect(suite.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(suite.status.effectiveWeights).toEqual({
      fuzzy: expect.closeTo(expected[0]!, 14),
      stemmed: expect.closeTo(expected[1]!, 14),
      tfidf: expect.closeTo(expected[2]!, 14),
      synonyms: expect.closeTo(expected[3]!, 14),
    });
  });

  it('passes the embeddings-unavailable reason through', () => {
    const suite = new SignalSuite({ settings: settings(), tfidfCorpus: CORPUS, embeddings: { available: false, reason: 'embedding model X could not be loaded: boom' } });
    expect(suite.status.unavailable).toEqual([{ signal: 'embeddings', reason: 'embedding model X could not be loaded: boom' }]);
    expect(suite.status.enabled).toContain('embeddings');
    expect(suite.status.available).not.toContain('embeddings');
    expect(suite.status.embeddingModel).toBeNull();
    // Without any load result there is still a reason.
    const none = new SignalSuite({ settings: settings(), tfidfCorpus: CORPUS });
    expect(none.status.unavailable).toEqual([{ signal: 'embeddings', reason: expect.stringMatching(/\S/) }]);
  });

  it('makes tfidf unavailable, with a reason, for a corpus without terms', () => {
    const suite = new SignalSuite({ settings: settings(), tfidfCorpus: ['de het een', ''], embeddings: { available: false, reason: 'r' } });
    expect(suite.ids).toEqual(['fuzzy', 'stemmed', 'synonyms']);
    expect(suite.status.unavailable).toContainEqual({ signal: 'tfidf', reason: expect.stringContaining('no terms') });
    const expected = [0.3, 0.25, 0.15].map((w) => w / 0.7);
    suite.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 15));
  });

  it('includes an available embedding provider, follows signalOrder and drops zero weights and `none` models', () => {
    const provider = new FakeEmbeddingProvider();
    const suite = new SignalSuite({
      settings: settings({ signalOrder: ['embeddings', 'synonyms', 'fuzzy'], 'weights.balanced.tfidf': 0 }),
      tfidfCorpus: CORPUS,
      embeddings: { available: true, provider },
    });
    expect(suite.ids).toEqual(['embeddings', 'synonyms', 'fuzzy', 'stemmed']);
    expect(suite.provider).toBe(provider);
    expect(suite.status.embeddingModel).toEqual({ id: provider.modelId, variant: provider.variant });
    const expected = [0.15, 0.15, 0.3, 0.25].map((w) => w / 0.85);
    suite.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 15));

    const noModel = new SignalSuite({ settings: settings({ 'embeddings.model.balanced': 'none' }), tfidfCorpus: CORPUS, embeddings: { available: true, provider } });
    expect(noModel.ids).not.toContain('embeddings');
    expect(noModel.status.unavailable).toEqual([]);
  });

  it('prepares each stage text once and keeps the embedding input apart', () => {
    const suite = new SignalSuite({ settings: settings({ mode: 'fast' }), tfidfCorpus: CORPUS });
    expect(suite.prepare('de auto')).toBe(suite.prepare('de auto'));
    const side = suite.side('de auto', 'De Auto!');
    expect(suite.value(1, side)).toBe(suite.value(1, suite.side('de auto', 'other')));
    expect(combinedScore(suite.views, [0.5, 1])).toBeCloseTo(0.6 * 0.5 + 0.4, 15);
  });

  it('adds the fast weights as a floor view in balanced mode, unless fastFloor is off', () => {
    const balanced = new SignalSuite({ settings: settings(), tfidfCorpus: CORPUS, embeddings: { available: false, reason: 'r' } });
    expect(balanced.ids).toEqual(['fuzzy', 'stemmed', 'tfidf', 'synonyms']);
    expect(balanced.views).toHaveLength(2);
    expect(balanced.views[1]).toEqual([0.6, 0.4, 0, 0]);
    // Character signals agree, word signals do not: the floor decides the score.
    expect(combinedScore(balanced.views, [0.9, 0.9, 0.2, 0.2])).toBeCloseTo(0.9, 12);
    // Word signals agree more: the mode's weights decide.
    expect(combinedScore(balanced.views, [0.8, 0.8, 1, 1])).toBeCloseTo((0.3 * 0.8 + 0.25 * 0.8 + 0.15 + 0.15) / 0.85, 12);
    const off = new SignalSuite({ settings: settings({ fastFloor: false }), tfidfCorpus: CORPUS, embeddings: { available: false, reason: 'r' } });
    expect(off.views).toEqual([off.weights]);
    const fast = new SignalSuite({ settings: settings({ mode: 'fast' }), tfidfCorpus: CORPUS });
    expect(fast.views).toEqual([fast.weights]);
  });

  it('refuses a mode without any signal', () => {
    expect(
      () => new SignalSuite({ settings: settings({ mode: 'fast', 'weights.fast.fuzzy': 0, 'weights.fast.stemmed': 0 }), tfidfCorpus: CORPUS }),
    ).toThrow(/No similarity signal/);
  });
});
