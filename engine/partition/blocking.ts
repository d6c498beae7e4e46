/**
 * The blocking of a partitioned run: rows are split into K blocks so that clauses the leader clustering could group
 * land in the same block. Each distinct clustering text gets a MinHash signature over its character q-grams; texts
 * that agree on every value of one LSH band share a bucket, and texts sharing any bucket are one component
 * (union-find). Exact and normalised duplicates have the same clustering text, so they are always together; a typo
 * changes a few q-grams only, so such variants collide in some band with near certainty. Components are packed into
 * K blocks by rows, largest first onto the lightest block. Rows too short to cluster belong to no block.
 */
import { longEnoughToCluster, type ClauseRecord } from '../normalise/records.ts';

/** Character q-gram length of the signatures. */
const Q = 4;
/**
 * LSH bands × rows per band. Two texts with q-gram Jaccard similarity J share a bucket with probability
 * 1 − (1 − J^ROWS)^BANDS: 0.64 at J = 0.5, 0.98 at J = 0.7, above 0.999 at J = 0.8 (a typo or two in a clause),
 * and 0.12 at J = 0.3, so unrelated clauses rarely chain components together.
 */
const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;

/** murmur3's 32-bit finaliser: a cheap, well-mixing permutation, seeded by xor. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** FNV-1a hashes of the distinct q-grams of a text padded with one space on each side. */
function gramHashes(text: string): Set<number> {
  const padded = ` ${text} `;
  const hashes = new Set<number>();
  const last = Math.max(0, padded.length - Q);
  for (let start = 0; start <= last; start++) {
    let h = 0x811c9dc5;
    for (let i = start; i < Math.min(start + Q, padded.length); i++) h = Math.imul(h ^ padded.charCodeAt(i), 0x01000193);
    hashes.add(h >>> 0);
  }
  return hashes;
}

export function minhashSignature(text: string): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const gram of gramHashes(text)) {
    for (let i = 0; i < HASHES; i++) {
      const value = mix(gram ^ SEEDS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Component number of each text: texts sharing an LSH bucket in any band, transitively. */
export function lshComponents(texts: readonly string[]): number[] {
  const sets = new UnionFind(texts.length);
  const buckets = new Map<string, number>();
  texts.forEach((text, t) => {
    const signature = minhashSignature(text);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${signature.subarray(band * ROWS, (band + 1) * ROWS).join(',')}`;
      const first = buckets.get(key);
      if (first === undefined) buckets.set(key, t);
      else sets.union(first, t);
    }
  });
  return texts.map((_, t) => sets.find(t));
}

export interface Blocking {
  /** Record indices per block, ascending; K blocks, of which some may be empty when there are fewer components. */
  blocks: number[][];
  /** Components found (groups of texts that must stay together), and the rows of the largest. */
  components: number;
  largestComponentRows: number;
}

export function blockRecords(records: readonly ClauseRecord[], k: number, minTextLength: number): Blocking {
  const textNumber = new Map<string, number>();
  const rowsOfText: number[][] = [];
  records.forEach((record, index) => {
    if (!longEnoughToCluster(record.simplifiedText, minTextLength)) return;
    let t = textNumber.get(record.clusteringText);
    if (t === undefined) {
      t = rowsOfText.length;
      textNumber.set(record.clusteringText, t);
      rowsOfText.push([]);
    }
    rowsOfText[t]!.push(index);
  });
  const componentOf = lshComponents([...textNumber.keys()]);
  const rowsOfComponent = new Map<number, number[]>();
  componentOf.forEach((c, t) => {
    const rows = rowsOfComponent.get(c) ?? [];
    for (const row of rowsOfText[t]!) rows.push(row);
    rowsOfComponent.set(c, rows);
  });
  // Largest first onto the lightest block (ties: the lower block); equal sizes keep first-seen order.
  const components = [...rowsOfComponent.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const blocks: number[][] = Array.from({ length: k }, () => []);
  for (const rows of components) {
    let lightest = 0;
    for (let b = 1; b < k; b++) if (blocks[b]!.length < blocks[lightest]!.length) lightest = b;
    for (const row of rows) blocks[lightest]!.push(row);
  }
  for (const block of blocks) block.sort((a, b) => a - b);
  return { blocks, components: components.length, largestComponentRows: components[0]?.length ?? 0 };
}
