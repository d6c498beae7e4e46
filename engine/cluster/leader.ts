/**
 * Leader clustering (SPEC §8.1): rows are walked in the grouping order (order.ts); each joins the cluster of an
 * identical simplified or clustering text, else the first acceptable candidate leader, else founds a cluster. With
 * `grouping.consolidate` a second look merges clusters whose leaders match (consolidate.ts).
 *
 * Comparisons stay strictly in candidate order. Scanning later candidates while a pair waits for embeddings was
 * measured (sample workbook, tiny model) to cost 2.5× the cheap evaluations while batching almost nothing: the text a
 * round waits for is nearly always the row's own, one text. Batching happens where it pays, in the `full` baseline's
 * up-front encoding and for conditions sections.
 */
import { longEnoughToCluster, type ClauseRecord } from '../normalise/records.ts';
import { cancellationPoint } from '../util/errors.ts';
import { TermIds } from '../signals/sparse.ts';
import { finishStepsCancellable, mapSteps } from '../util/steps.ts';
import { codePointLength } from '../util/text.ts';
import { acceptanceBound, clauseText, findLeader, fuzzyFloors, type ClauseText } from './comparison.ts';
import { consolidate } from './consolidate.ts';
import { walkOrderSteps } from './order.ts';
import { createLeaderSearch } from './search.ts';
import { clusterId, NVT, type ClusterContext, type ClusterDraft, type Clustering } from './types.ts';

export async function clusterRecords(records: readonly ClauseRecord[], ctx: ClusterContext): Promise<Clustering> {
  const { settings, counters } = ctx;
  const clusterOf: string[] = new Array(records.length).fill(NVT);
  const clusters: ClusterDraft[] = [];
  const byText = new Map<string, ClusterDraft>();
  const byClusteringText = new Map<string, ClusterDraft>();
  const leaders: ClauseText[] = [];
  const acceptance = settings.policy === 'lossless' ? acceptanceBound(ctx) : null;
  const search = createLeaderSearch(settings, fuzzyFloors(ctx), counters, acceptance);
  const gramIds = new TermIds();

  const lengths = await finishStepsCancellable(mapSteps(records, (r) => codePointLength(r.simplifiedText)), ctx.signal);
  const order = await finishStepsCancellable(walkOrderSteps(records, lengths, settings.grouping.order), ctx.signal);

  const join = (cluster: ClusterDraft, index: number) => {
    cluster.members.push(index);
    clusterOf[index] = cluster.id;
    byText.set(records[index]!.simplifiedText, cluster);
    byClusteringText.set(records[index]!.clusteringText, cluster);
  };

  for (let k = 0; k < order.length; k++) {
    if (k % 50 === 0) {
      await cancellationPoint(ctx.signal);
      ctx.onProgress?.(Math.trunc((100 * k) / order.length));
    }
    if (k > 0 && k % 500 === 0) ctx.log?.(`Clustering: ${k} of ${order.length} rows, ${clusters.length} clusters`);
    const index = order[k]!;
    const record = records[index]!;
    if (!longEnoughToCluster(record.simplifiedText, settings.minTextLength)) continue;

    const exact = byText.get(record.simplifiedText);
    if (exact) {
      counters.cacheHits.exact++;
      join(exact, index);
      continue;
    }
    const normalised = byClusteringText.get(record.clusteringText);
    if (normalised) {
      counters.cacheHits.normalised++;
      join(normalised, index);
      continue;
    }

    const row = clauseText(record, index, lengths[index]!, gramIds);
    const winner = await findLeader(row, search.candidates(row), leaders, ctx);
    if (winner !== null) {
      // Leaders and clusters are created together, so leader n founded cluster n.
      join(clusters[winner]!, index);
      continue;
    }
    const cluster: ClusterDraft = { id: clusterId(clusters.length + 1), leader: index, members: [] };
    clusters.push(cluster);
    join(cluster, index);
    leaders.push(row);
    search.add(row);
  }
  const clustering = settings.grouping.consolidate ? await consolidate({ clusters, clusterOf }, leaders, ctx, acceptance) : { clusters, clusterOf };
  ctx.onProgress?.(100);
  return clustering;
}
