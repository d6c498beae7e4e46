/**
 * The grouping levers of docs/decisions.md: the polarity guard, the frequency order and the consolidation pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cascade } from '../../engine/cascade/evaluate.ts';
import { newCounters } from '../../engine/cascade/counters.ts';
import { resolveSettings } from '../../engine/config/settings.ts';
import { clauseText, findLeader } from '../../engine/cluster/comparison.ts';
import { consolidate } from '../../engine/cluster/consolidate.ts';
import type { ClusterContext } from '../../engine/cluster/types.ts';
import type { ClauseRecord } from '../../engine/normalise/records.ts';
import { simplify } from '../../engine/normalise/simplify.ts';
import { runAnalysis } from '../../engine/pipeline/analyze.ts';
import { TermIds } from '../../engine/signals/sparse.ts';
import { SignalSuite } from '../../engine/signals/suite.ts';
import { codePointLength } from '../../engine/util/text.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-grouping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function clusterOf(texts: string[], overrides: Record<string, unknown> = {}) {
  const file = path.join(dir, `w${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, `Tekst\n${texts.map((t) => `"${t}"`).join('\n')}\n`);
  const settings = resolveSettings({ referenceDate: '2026-01-01', 'embeddings.model.balanced': 'none', ...overrides });
  const result = await runAnalysis({ policyFile: file, settings });
  return { ids: result.rows.map((r) => r.clusterId), result };
}

describe('polarity guard', () => {
  const covered = 'Schade door storm aan de schuur is gedekt tot het verzekerde bedrag.';
  const notCovered = 'Schade door storm aan de schuur is niet gedekt tot het verzekerde bedrag.';

  it.each(['fast', 'balanced'])('never groups a clause with its negation (%s)', async (mode) => {
    const { ids, result } = await clusterOf([covered, covered, notCovered, notCovered], { mode });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    expect(result.counters.pairsSkippedByPolarity).toBeGreaterThan(0);
  });

  it('is what keeps them apart: without it the two are one cluster', async () => {
    const { ids } = await clusterOf([covered, notCovered], { mode: 'fast', 'grouping.polarityGuard': false });
    expect(ids[0]).toBe(ids[1]);
  });
});

describe('walking order', () => {
  const clean = 'De premie wordt per kwartaal vooruit betaald via automatische incasso.';
  const noisy = 'Let op: de premie wordt per kwarrtaal vooruit betaald via automatische incassso.';

  it('frequency: the form most rows share leads its group, not the longest copy', async () => {
    const { result } = await clusterOf([noisy, clean, clean, clean], { mode: 'fast' });
    expect(result.clusters).toHaveLength(1);
    expect(result.records[result.clusters[0]!.leaderRow - 1]!.rawText).toBe(clean);
  });

  it('length (the legacy order): the longest copy leads', async () => {
    const { result } = await clusterOf([noisy, clean, clean, clean], { mode: 'fast', 'grouping.order': 'length', 'grouping.stripBoilerplate': false, 'grouping.correctSpelling': false });
    expect(result.records[result.clusters[0]!.leaderRow - 1]!.rawText).toBe(noisy);
  });
});

describe('consolidation', () => {
  const settings = resolveSettings({ referenceDate: '2026-01-01', mode: 'fast', policy: 'lossless' });
  const record = (text: string, i: number): ClauseRecord => ({ rowNumber: i + 1, sourceLine: i + 2, rawText: text, policyNumber: null, simplifiedText: simplify(text), clusteringText: simplify(text) });
  // A and B pass the threshold, B and C pass it, A and C do not: a chain.
  const A = 'de verzekering dekt schade aan de woning door brand en storm';
  const B = 'de verzekering dekt schade aan het huis door brand en storm';
  const C = 'de verzekering dekt schade aan het huis door water en storm';
  const records = [A, A, A, B, B, C].map(record);

  function context(): ClusterContext {
    const suite = new SignalSuite({ settings, tfidfCorpus: records.map((r) => r.simplifiedText) });
    const counters = newCounters();
    return { settings, suite, cascade: new Cascade(suite, settings, counters), counters };
  }
  const gramIds = new TermIds();
  const text = (i: number) => clauseText(records[i]!, i, codePointLength(records[i]!.simplifiedText), gramIds);
  /** Whether the row at `i` would join the leader at `j` under the two-stage rule. */
  const joins = async (ctx: ClusterContext, i: number, j: number) => (await findLeader(text(i), [0], [text(j)], ctx)) === 0;

  it('merges a cluster only into one whose leader its own leader passes, and never along a chain', async () => {
    const ctx = context();
    // The premises of the chain, checked rather than assumed.
    expect(await joins(ctx, 3, 0)).toBe(true);
    expect(await joins(ctx, 5, 3)).toBe(true);
    expect(await joins(ctx, 5, 0)).toBe(false);
    const leaders = [0, 3, 5].map(text);
    const split = {
      clusters: [
        { id: 'CL-0001', leader: 0, members: [0, 1, 2] },
        { id: 'CL-0002', leader: 3, members: [3, 4] },
        { id: 'CL-0003', leader: 5, members: [5] },
      ],
      clusterOf: ['CL-0001', 'CL-0001', 'CL-0001', 'CL-0002', 'CL-0002', 'CL-0003'],
    };
    const merged = await consolidate(split, leaders, ctx, null);
    expect(merged.clusters.map((c) => c.members)).toEqual([[0, 1, 2, 3, 4], [5]]);
    expect(merged.clusters.map((c) => c.id)).toEqual(['CL-0001', 'CL-0002']);
    expect(merged.clusterOf).toEqual(['CL-0001', 'CL-0001', 'CL-0001', 'CL-0001', 'CL-0001', 'CL-0002']);
  });
});
