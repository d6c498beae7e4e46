/**
 * Ctrl+C → the engine's abort signal: the run stops at its next cancellation check, writes nothing and the CLI exits
 * 130. A second Ctrl+C ends the process at once.
 */
import { EXIT_CANCELLED } from './exit.ts';

export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_CANCELLED);
    process.stderr.write('\nCancelling… (press Ctrl+C again to stop at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
