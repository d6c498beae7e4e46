/**
 * The second look (docs/decisions.md): after the leader pass, one group can still be split over several leaders,
 * because a row that arrived early founded a cluster that a later, better leader would have taken in. Clusters are
 * visited largest first; each one whose leader would join the leader of a cluster kept so far is merged into it, the
 * others are kept. A merge needs the two leaders to pass the acceptance rule themselves, and a cluster that absorbs
 * others is never merged afterwards, so no chain of merges joins two groups whose leaders fail the threshold.
 */
import { cancellationPoint } from '../util/errors.ts';
import { findLeader, fuzzyFloors, type ClauseText } from './comparison.ts';
import { createLeaderSearch, type AcceptanceBound } from './search.ts';
import { clusterId, type ClusterContext, type ClusterDraft, type Clustering } from './types.ts';

export async function consolidate(clustering: Clustering, leaders: readonly ClauseText[], ctx: ClusterContext, acceptance: AcceptanceBound<ClauseText> | null): Promise<Clustering> {
  const { clusters } = clustering;
  const search = createLeaderSearch(ctx.settings, fuzzyFloors(ctx), ctx.counters, acceptance);
  const visit = clusters.map((_, k) => k).sort((a, b) => clusters[b]!.members.length - clusters[a]!.members.length || a - b);
  const kept: number[] = []; // cluster numbers, in the order they were added to the search
  const keptLeaders: ClauseText[] = [];
  const mergedInto = new Map<number, number>();
  for (let v = 0; v < visit.length; v++) {
    if (v % 50 === 0) await cancellationPoint(ctx.signal);
    const k = visit[v]!;
    const leader = leaders[k]!;
    const target = await findLeader(leader, search.candidates(leader), keptLeaders, ctx);
    if (target === null) {
      kept.push(k);
      keptLeaders.push(leader);
      search.add(leader);
    } else {
      mergedInto.set(k, kept[target]!);
    }
  }
  if (mergedInto.size === 0) return clustering;

  // Survivors keep their creation order and are numbered again without gaps.
  const survivors = clusters.map((_, k) => k).filter((k) => !mergedInto.has(k));
  const renumbered = new Map<number, ClusterDraft>();
  survivors.forEach((k, n) => renumbered.set(k, { id: clusterId(n + 1), leader: clusters[k]!.leader, members: [...clusters[k]!.members] }));
  clusters.forEach((cluster, k) => {
    const into = mergedInto.get(k);
    if (into !== undefined) renumbered.get(into)!.members.push(...cluster.members);
  });
  const clusterOf = [...clustering.clusterOf];
  for (const draft of renumbered.values()) for (const member of draft.members) clusterOf[member] = draft.id;
  return { clusters: survivors.map((k) => renumbered.get(k)!), clusterOf };
}
