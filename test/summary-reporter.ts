/**
 * Prints one plain closing line, `Tests: N passed, N failed[, N skipped]`, which CI reads in any language; vitest's
 * own summary has a different shape.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') this.passed++;
    else if (state === 'failed') this.failed++;
    else this.skipped++;
  }

  onTestRunEnd(): void {
    const skipped = this.skipped > 0 ? `, ${this.skipped} skipped` : '';
    process.stdout.write(`\nTests: ${this.passed} passed, ${this.failed} failed${skipped}\n`);
  }
}
