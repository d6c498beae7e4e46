/**
 * Errors users can read. Each kind carries the CLI exit code of SPEC §12: 1 input error (naming file, sheet, row or
 * column), 2 invalid usage or setting, 130 cancelled.
 */

export class InputError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CancelledError extends Error {
  readonly exitCode = 130;
  constructor(message = 'Analysis cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** An error while computing an available signal fails the run, naming the signal and the row (SPEC §6.7). */
export class SignalError extends Error {
  constructor(
    readonly signal: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignalError';
  }
}

/** Between stages: throws when the run was cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * A cancellation checkpoint inside a stage. The stages run long stretches of synchronous work between awaits that only yield to
 * microtasks, so signal handlers (Ctrl+C, a worker's cancel message) would not run until the stage ends; yielding to
 * the event loop here lets them set the abort signal first.
 */
export async function cancellationPoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new CancelledError();
}
