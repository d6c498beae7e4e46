/**
 * Levenshtein distance with a ceiling, the idea behind RapidFuzz's `score_cutoff`: a caller that only needs to know
 * whether the distance is at most `max` lets the dynamic programme skip the cells no such alignment passes through and
 * stop at the first row where none can.
 */

/** Any value above every ceiling a text can need; safe to add 1 to in Int32 cells. */
const FAR = 0x3fffffff;

/**
 * The row of the dynamic programme, reused across calls: one pair at a time runs on a thread, and it grows only to the
 * longest text compared, so it stays as small as the texts themselves.
 */
let row = new Int32Array(64);

/**
 * The edit distance of `a[0, la)` and `b[0, lb)` when it is at most `max`; otherwise a lower bound of it above `max`.
 *
 * Why the band: an alignment through cell (i, j) costs at least |i − j| to reach it and |(la − i) − (lb − j)| to finish,
 * so with the shorter text as rows only the diagonals within (max − length difference) / 2 of the two corners can
 * stay within `max` (Ukkonen). Why the early stop: every alignment crosses each row, so when every cell of a row plus
 * its remaining length difference exceeds `max`, the distance does too.
 */
export function boundedDistance(a: ArrayLike<number>, la: number, b: ArrayLike<number>, lb: number, max: number): number {
  // A shared prefix or suffix never changes the distance.
  let start = 0;
  while (start < la && start < lb && a[start] === b[start]) start++;
  let endA = la;
  let endB = lb;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // The shorter text runs down the rows.
  let s = a;
  let t = b;
  let m = endA - start;
  let n = endB - start;
  if (m > n) {
    [s, t, m, n] = [b, a, n, m];
  }
  const difference = n - m;
  if (difference > max) return difference;
  if (m === 0) return n;
  const reach = (max - difference) >> 1; // diagonals j − i from −reach to difference + reach

  if (row.length < n + 1) row = new Int32Array(Math.max(n + 1, row.length * 2));
  const cells = row;
  const firstReach = Math.min(n, difference + reach);
  for (let j = 0; j <= n; j++) cells[j] = j <= firstReach ? j : FAR;

  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - reach);
    const to = Math.min(n, i + difference + reach);
    const ch = s[start + i - 1];
    let diagonal = from === 1 ? i - 1 : cells[from - 1]!;
    let left = from === 1 ? i : FAR;
    if (from === 1) cells[0] = i;
    let best = FAR;
    const rowsLeft = m - i;
    for (let j = from; j <= to; j++) {
      const up = cells[j]!;
      let cell = ch === t[start + j - 1] ? diagonal : diagonal + 1;
      if (up + 1 < cell) cell = up + 1;
      if (left + 1 < cell) cell = left + 1;
      diagonal = up;
      cells[j] = cell;
      left = cell;
      const finish = n - j - rowsLeft;
      const least = cell + (finish < 0 ? -finish : finish);
      if (least < best) best = least;
    }
    if (best > max) return best;
  }
  return cells[n]!;
}
