/**
 * Long synchronous work over every row, written once as a generator that yields between pieces of work: run to its
 * end in one go where nothing can cancel it (`finishSteps`), or with a cancellation point at each yield
 * (`finishStepsCancellable`), so that at a million rows a cancel is seen within one piece, not after seconds.
 */
import { cancellationPoint } from './errors.ts';

/** A computation that yields between pieces of work and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Items a loop handles between two yields: a few milliseconds of simple work per item. */
export const STEP_ITEMS = 20_000;

export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function finishStepsCancellable<T>(steps: Steps<T>, signal: AbortSignal | undefined): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await cancellationPoint(signal);
  }
}

/** `items.map(f)` in steps. */
export function* mapSteps<I, O>(items: readonly I[], f: (item: I, index: number) => O): Steps<O[]> {
  const out: O[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = f(items[i]!, i);
    if ((i + 1) % STEP_ITEMS === 0) yield;
  }
  return out;
}

/** `f` for every item in steps. */
export function* forEachSteps<I>(items: Iterable<I>, f: (item: I) => void): Steps<void> {
  let n = 0;
  for (const item of items) {
    f(item);
    if (++n % STEP_ITEMS === 0) yield;
  }
}

/**
 * What a stable `[...items].sort(compare)` gives, in steps: sorted runs of STEP_ITEMS, merged pairwise (taking the
 * earlier run's item on ties, so equal items keep their order).
 */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += STEP_ITEMS) {
    runs.push(items.slice(start, start + STEP_ITEMS).sort(compare));
    yield;
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let k = 0; k < runs.length; k += 2) merged.push(k + 1 < runs.length ? yield* mergeSteps(runs[k]!, runs[k + 1]!, compare) : runs[k]!);
    runs = merged;
  }
  return runs[0] ?? [];
}

function* mergeSteps<T>(a: readonly T[], b: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
    if (k % STEP_ITEMS === 0) yield;
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
