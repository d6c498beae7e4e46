import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../engine/util/errors.ts';
import { finishSteps, finishStepsCancellable, mapSteps, sortSteps, STEP_ITEMS } from '../../engine/util/steps.ts';

describe('sortSteps', () => {
  it('gives what a stable sort gives, across several runs and with ties', () => {
    const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (keys) => {
        const items = keys.map((key, i) => [key, i] as [number, number]);
        expect(finishSteps(sortSteps(items, byKey))).toEqual([...items].sort(byKey));
      }),
    );
    const many = Array.from({ length: 3 * STEP_ITEMS + 17 }, (_, i) => [(i * 7919) % 1000, i] as [number, number]);
    expect(finishSteps(sortSteps(many, byKey))).toEqual([...many].sort(byKey));
  });
});

describe('finishStepsCancellable', () => {
  it('stops at the next step once the signal is aborted', async () => {
    const controller = new AbortController();
    let visited = 0;
    const steps = mapSteps(Array.from({ length: 4 * STEP_ITEMS }, (_, i) => i), (i) => {
      visited++;
      if (i === STEP_ITEMS + 5) controller.abort();
      return i;
    });
    await expect(finishStepsCancellable(steps, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(visited).toBe(2 * STEP_ITEMS);
  });
});
