/**
 * Scoring policies (SPEC §7). A caller asks in which band a pair's score falls, given ascending cuts; the policy
 * decides how many signals that takes. `full` runs everything (the baseline); `lossless` stops as soon as the
 * interval [lower, upper] of possible scores contains no cut, so its decisions equal `full`; `seed` applies the
 * lossy v1.1 early exits.
 *
 * An evaluation is resumable: when the next signal is asynchronous (embeddings) and its texts are not ready,
 * advance() returns null and needs() names the texts, so the caller can embed the texts of many pairs in one batch.
 */
import type { Settings, SignalId } from '../config/settings.ts';
import type { Side, SignalSuite } from '../signals/suite.ts';
import { combinedScore, type ScoreViews } from '../signals/weights.ts';
import { bandOf, bandOfScores, leastFuzzyReaching, losslessBand, rejectionCutoff, scoreInterval, seedAfterFuzzy, seedAfterStemmed, seedMean, upperBoundOf, type ScoreInterval } from './decide.ts';
import type { Counters, ExitReason, PairContext } from './types.ts';

export interface EvaluationRecord {
  signals: SignalId[]; // the signals that ran, in order
  /** Under `lossless`, a signal that stopped under its rejection cutoff shows the value it returned, below the cutoff. */
  values: number[];
  lower: number;
  upper: number; // equal to lower when the score is exact
  exact: boolean;
  band: number; // number of cuts c with S ≥ c
  exit: ExitReason;
  /** Seed only: signals whose weight was dropped (embeddings skipped at high fuzzy). */
  dropped: SignalId[];
}

export interface EvaluateOptions {
  /** Reference matching needs the winner's exact score: stop early only to reject, never to accept. */
  exactUnlessRejected?: boolean;
  /** Values already computed for this pair (the pre-screen's fuzzy), reused instead of evaluated again. */
  known?: Partial<Record<SignalId, number>>;
  /**
   * The score each cut is decided on, one entry per cut (default: the mode's score for every cut). The recorded score
   * is the last cut's: the one an acceptance rests on.
   */
  cutViews?: readonly ScoreViews[];
  /** Compute every value that runs in full, never under a cutoff: the `pairs` command shows them. */
  exactValues?: boolean;
}

export type ExitLogger = (message: string) => void;

const fmt = (x: number) => x.toFixed(2);

export class Cascade {
  constructor(
    readonly suite: SignalSuite,
    readonly settings: Settings,
    readonly counters: Counters,
    private readonly logExit: ExitLogger | null = null,
  ) {
    this.modeViews = [suite.weights];
    this.floorViews = suite.views;
  }

  /** The score as the mode's weights give it (SPEC §6.7). */
  readonly modeViews: ScoreViews;
  /**
   * The score floored by fast mode's weights: where near-duplicates are decided (stage 2, on clustering texts with
   * variable parts hidden and spelling corrected) and where stage 1 decides whether to look closer (the gate).
   * Accepting in stage 1 and reference matching keep the mode's own score, so what `pairs` reports and the match
   * percentages of SPEC §9 mean what the mode's weights say.
   */
  readonly floorViews: ScoreViews;

  start(a: Side, b: Side, cuts: readonly number[], context: PairContext, options: EvaluateOptions = {}): PairEvaluation {
    this.counters.pairsCompared[context]++;
    return new PairEvaluation(this, a, b, cuts, options.cutViews ?? cuts.map(() => this.modeViews), options);
  }

  /** Convenience for synchronous signal suites (no embeddings pending), e.g. the `pairs` command after embedding. */
  evaluateNow(a: Side, b: Side, cuts: readonly number[], context: PairContext, options: EvaluateOptions = {}): EvaluationRecord {
    const evaluation = this.start(a, b, cuts, context, options);
    const record = evaluation.advance();
    if (!record) throw new Error(`Embeddings pending for ${evaluation.needs().length} texts; embed them first.`);
    return record;
  }

  /**
   * The least fuzzy value with which a clustering cut can be reached (SPEC §8.3): over the floor views, which contain
   * the mode's; under `seed` a fuzzy value at the low exit or above decides alone, so that is the least.
   */
  leastFuzzyFor(cut: number): number {
    if (this.settings.policy === 'seed') return Math.min(cut, this.settings.seed.exitLow);
    return leastFuzzyReaching(cut, this.floorViews, this.suite.indexWhere((t) => t.qgramBounded));
  }

  /**
   * Σ wᵢ·boundᵢ without evaluating anything: a sound upper bound of the pair's combined score. The caller may cap
   * the fuzzy bound with knowledge of its own (the leader index's q-gram counts).
   */
  upperBound(a: Side, b: Side, views: ScoreViews, fuzzyCap = 1): number {
    const { suite } = this;
    const bounds = suite.signals.map((signal, i) => {
      const bound = signal.bound(suite.value(i, a), suite.value(i, b));
      return suite.signals[i]!.traits.qgramBounded ? Math.min(bound, fuzzyCap) : bound;
    });
    return upperBoundOf(views, bounds);
  }

  finish(record: EvaluationRecord, message: string | null): EvaluationRecord {
    this.counters.exits[record.exit]++;
    if (message && this.logExit) this.logExit(message);
    return record;
  }
}

export class PairEvaluation {
  private readonly values: number[] = []; // indexed by suite position
  private readonly evaluated: number[] = []; // suite positions in the order they ran
  private readonly bounds: number[];
  private next = 0;
  private record: EvaluationRecord | null = null;
  /** The signal that returned a ceiling of its value, under its rejection cutoff: the value lies between 0 and that. */
  private underCutoff: number | null = null;

  constructor(
    private readonly cascade: Cascade,
    private readonly a: Side,
    private readonly b: Side,
    private readonly cuts: readonly number[],
    private readonly cutViews: readonly ScoreViews[],
    private readonly options: EvaluateOptions,
  ) {
    const { suite, settings } = cascade;
    this.bounds = settings.policy === 'lossless' ? suite.signals.map((s, i) => s.bound(suite.value(i, a), suite.value(i, b))) : [];
  }

  /** Texts the next signal waits for (empty unless advance() returned null). */
  needs(): string[] {
    if (this.record || this.next >= this.cascade.suite.signals.length) return [];
    const { suite } = this.cascade;
    const signal = suite.signals[this.next]!;
    return signal.pending ? signal.pending(suite.value(this.next, this.a), suite.value(this.next, this.b)) : [];
  }

  /** Runs as far as possible; the record when decided, null when blocked on asynchronous preparation. */
  advance(): EvaluationRecord | null {
    if (this.record) return this.record;
    switch (this.cascade.settings.policy) {
      case 'full':
        return this.advanceFull();
      case 'lossless':
        return this.advanceLossless();
      case 'seed':
        return this.advanceSeed();
    }
  }

  private runSignal(index: number, cutoff = 0): boolean {
    const { suite, counters } = this.cascade;
    const signal = suite.signals[index]!;
    const known = this.options.known?.[signal.id];
    this.evaluated.push(index);
    if (known !== undefined) {
      this.values[index] = known;
      return true;
    }
    const va = suite.value(index, this.a);
    const vb = suite.value(index, this.b);
    if (signal.pending && signal.pending(va, vb).length > 0) {
      this.evaluated.pop();
      return false;
    }
    const value = signal.score(va, vb, cutoff);
    this.values[index] = value;
    if (value < cutoff) this.underCutoff = index;
    counters.signalEvaluations[signal.id]++;
    return true;
  }

  private ran(): SignalId[] {
    return this.evaluated.map((i) => this.cascade.suite.ids[i]!);
  }

  private exact(exit: ExitReason, message: string | null): EvaluationRecord {
    const scores = this.cutViews.map((views) => combinedScore(views, this.values));
    const score = scores[scores.length - 1]!;
    return this.done({ lower: score, upper: score, exact: true, band: bandOfScores(scores, this.cuts), exit, dropped: [] }, message);
  }

  private done(partial: Omit<EvaluationRecord, 'signals' | 'values'>, message: string | null): EvaluationRecord {
    this.record = { signals: this.ran(), values: this.evaluated.map((i) => this.values[i]!), ...partial };
    return this.cascade.finish(this.record, message);
  }

  private advanceFull(): EvaluationRecord | null {
    const n = this.cascade.suite.signals.length;
    while (this.next < n) {
      if (!this.runSignal(this.next)) return null;
      this.next++;
    }
    return this.exact('full', null);
  }

  private advanceLossless(): EvaluationRecord | null {
    const { suite } = this.cascade;
    const n = suite.signals.length;
    for (;;) {
      const decided = this.losslessDecision();
      if (decided) return decided;
      if (this.next >= n) return this.exact('full', null);
      if (!this.runSignal(this.next, this.cutoffFor(this.next))) return null;
      this.next++;
    }
  }

  /**
   * The least value the next signal must reach for the pair to escape rejection. The last signal gets none: its
   * value makes the score exact, and that is what the record reports.
   */
  private cutoffFor(index: number): number {
    const { signals } = this.cascade.suite;
    if (this.options.exactValues || index === signals.length - 1 || !signals[index]!.traits.ceilingUnderCutoff) return 0;
    return rejectionCutoff(this.cutViews, this.values, this.bounds, index, this.cuts);
  }

  /** S's interval so far; a signal that returned a ceiling under its cutoff counts anywhere from 0 up to it. */
  private interval(views: ScoreViews): ScoreInterval {
    const interval = scoreInterval(views, this.values, this.bounds, this.next);
    if (this.underCutoff === null) return interval;
    return { lower: scoreInterval(views, this.values.with(this.underCutoff, 0), this.bounds, this.next).lower, upper: interval.upper };
  }

  /** SPEC §7.4: stop when for every cut, upper < c − ε or lower ≥ c + ε. */
  private losslessDecision(): EvaluationRecord | null {
    const { suite } = this.cascade;
    if (this.next >= suite.signals.length) return null; // exact: reported as `full`
    const intervals = this.cutViews.map((views) => this.interval(views));
    const band = losslessBand(intervals, this.cuts, this.options.exactUnlessRejected);
    if (this.underCutoff !== null && band !== 0) return this.rescoreInFull();
    if (band === null) return null;
    const after = this.next === 0 ? 'length bounds' : this.ran().join(', ');
    const message =
      band > 0
        ? `Early exit: lower bound ${fmt(intervals[band - 1]!.lower)} ≥ ${fmt(this.cuts[band - 1]!)} after ${after}`
        : `Early exit: upper bound ${fmt(intervals[0]!.upper)} < ${fmt(this.cuts[0]!)} after ${after}`;
    const { lower, upper } = intervals[intervals.length - 1]!;
    return this.done({ lower, upper, exact: false, band, exit: band > 0 ? 'lossless.accept' : 'lossless.reject', dropped: [] }, message);
  }

  /**
   * A value under its cutoff must reject; should rounding in the interval sums leave the pair open, the signal is
   * scored again in full so the decision is the one the exact value gives.
   */
  private rescoreInFull(): EvaluationRecord | null {
    const index = this.underCutoff!;
    const { suite } = this.cascade;
    this.underCutoff = null;
    this.values[index] = suite.signals[index]!.score(suite.value(index, this.a), suite.value(index, this.b));
    return this.losslessDecision();
  }

  private advanceSeed(): EvaluationRecord | null {
    const { suite, settings } = this.cascade;
    const seed = settings.seed;
    const iScreen = suite.indexWhere((t) => t.seedRole === 'screen');
    const iPartial = suite.indexWhere((t) => t.seedRole === 'partial');
    const single = (score: number, exit: ExitReason, message: string) =>
      this.done({ lower: score, upper: score, exact: false, band: bandOf(score, this.cuts), exit, dropped: [] }, message);

    // Seed order: the screen (fuzzy), the partial (stemmed), then the rest in signalOrder; values[] stays indexed by suite position.
    const order = [iScreen, iPartial, ...suite.ids.map((_, i) => i).filter((i) => i !== iScreen && i !== iPartial)].filter((i) => i >= 0);
    while (this.next < order.length) {
      const index = order[this.next]!;
      if (this.values[index] === undefined) {
        if (suite.signals[index]!.traits.seedRole === 'skippable' && this.skipsAfterScreen(iScreen)) {
          this.next++;
          continue;
        }
        if (!this.runSignal(index)) return null;
      }
      this.next++;
      if (index === iScreen) {
        const f = this.values[iScreen]!;
        const exit = seedAfterFuzzy(f, seed);
        if (exit === 'exit.low') return single(f, exit, `Early exit: fuzzy too low (${fmt(f)})`);
        if (exit === 'exit.high') return single(f, exit, `Early exit: fuzzy high enough (${fmt(f)})`);
      } else if (index === iPartial && iScreen >= 0 && this.next < order.length) {
        const wf = suite.weights[iScreen]!;
        const ws = suite.weights[iPartial]!;
        const f = this.values[iScreen]!;
        const exit = seedAfterStemmed(f, this.values[iPartial]!, wf, ws, seed);
        if (exit?.exit === 'cascade.high') return single(exit.score, exit.exit, `Early exit: partial score high enough (${fmt(exit.score)})`);
        if (exit?.exit === 'cascade.bound') {
          const best = wf * f + ws * this.values[iPartial]! + (1 - wf - ws);
          return single(exit.score, exit.exit, `Early exit: best possible score too low (${fmt(best)})`);
        }
      }
    }
    return this.seedResult(order);
  }

  /** A skippable signal (embeddings) is skipped once the screen value reaches the mode's seed.skipEmbeddingsAt. */
  private skipsAfterScreen(iScreen: number): boolean {
    const { settings } = this.cascade;
    if (settings.mode === 'fast' || iScreen < 0) return false;
    return this.values[iScreen]! >= settings.seed.skipEmbeddingsAt[settings.mode];
  }

  /** Weighted mean of the evaluated signals, weights renormalised over them, summed in signalOrder. */
  private seedResult(order: number[]): EvaluationRecord {
    const { suite } = this.cascade;
    const dropped = suite.ids.filter((_, i) => this.values[i] === undefined && order.includes(i));
    const score = seedMean(suite.weights, suite.ids.map((_, i) => this.values[i]));
    return this.done({ lower: score, upper: score, exact: dropped.length === 0, band: bandOf(score, this.cuts), exit: 'full', dropped }, null);
  }
}
