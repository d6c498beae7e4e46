/**
 * The merge of a partitioned run: the blocks' clusters become one clustering over all records, numbered in the order
 * the unsplit run would have founded them (the grouping order of their leaders), and then the leaders are compared
 * across blocks with the consolidation step (cluster/consolidate.ts), so two clusters are united exactly when the
 * normal acceptance rule accepts their leaders.
 */
import { addCounters } from '../cascade/counters.ts';
import { acceptanceBound, clauseText, type ClauseText } from '../cluster/comparison.ts';
import { consolidate } from '../cluster/consolidate.ts';
import { walkOrder } from '../cluster/order.ts';
import { clusterId, NVT, type ClusterContext, type ClusterDraft, type Clustering } from '../cluster/types.ts';
import type { ClauseRecord } from '../normalise/records.ts';
import { TermIds } from '../signals/sparse.ts';
import { codePointLength } from '../util/text.ts';
import type { BlockResult } from './types.ts';

export async function mergeBlocks(records: readonly ClauseRecord[], blocks: readonly number[][], results: readonly BlockResult[], ctx: ClusterContext): Promise<Clustering> {
  const lengths = records.map((r) => codePointLength(r.simplifiedText));
  const rank = new Int32Array(records.length);
  walkOrder(records, lengths, ctx.settings.grouping.order).forEach((index, k) => (rank[index] = k));

  const drafts: ClusterDraft[] = [];
  results.forEach((result, b) => {
    const global = blocks[b]!;
    addCounters(ctx.counters, result.counters);
    for (const cluster of result.clusters) drafts.push({ id: '', leader: global[cluster.leader]!, members: cluster.members.map((m) => global[m]!) });
  });
  drafts.sort((a, b) => rank[a.leader]! - rank[b.leader]!);
  const clusterOf: string[] = new Array(records.length).fill(NVT);
  drafts.forEach((draft, n) => {
    draft.id = clusterId(n + 1);
    for (const member of draft.members) clusterOf[member] = draft.id;
  });
  const gramIds = new TermIds();
  const leaders: ClauseText[] = drafts.map((d) => clauseText(records[d.leader]!, d.leader, lengths[d.leader]!, gramIds));
  const acceptance = ctx.settings.policy === 'lossless' ? acceptanceBound(ctx) : null;
  return consolidate({ clusters: drafts, clusterOf }, leaders, ctx, acceptance);
}
