// The worker's heap cap follows the workbook and the machine; a workbook that cannot fit is known before the run.
import { describe, expect, it } from 'vitest';
import { isOutOfMemory, memoryPlan } from '../../extension/src/worker/memory.ts';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('memory plan', () => {
  it('gives small workbooks the floor and large ones more, never beyond 80% of the machine', () => {
    expect(memoryPlan('small.xlsx', 100_000, 8 * GB)).toMatchObject({ heapMb: 2048, fits: true });
    // ~200,000 generated rows are ~8.8 MB of .xlsx: the measured ~2.5 GB peak must fit under the cap.
    const large = memoryPlan('large.xlsx', 8.8 * MB, 16 * GB);
    expect(large.needMb).toBeGreaterThan(2500);
    expect(large.heapMb).toBeGreaterThanOrEqual(large.needMb);
    expect(large.fits).toBe(true);
    const tight = memoryPlan('large.xlsx', 8.8 * MB, 4 * GB);
    expect(tight.heapMb).toBe(Math.floor(4096 * 0.8));
    expect(tight.fits).toBe(false);
    // A .csv holds ~5× the bytes per row of an .xlsx.
    expect(memoryPlan('rows.csv', 40 * MB, 16 * GB).needMb).toBeLessThan(memoryPlan('rows.xlsx', 40 * MB, 16 * GB).needMb);
  });

  it('recognises V8\'s out-of-memory abort', () => {
    expect(isOutOfMemory('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toBe(true);
    expect(isOutOfMemory('Error: ENOENT')).toBe(false);
  });
});
