/**
 * Exit codes of SPEC §12 and the one place where an error becomes what the user sees: 0 success, 1 input error
 * (naming file, sheet, row or column), 2 invalid usage or setting, 130 cancelled. Unexpected errors exit 1 with their
 * message; the stack only in verbose mode.
 */
import { CommanderError } from 'commander';
import { SettingError } from '../config/settings.ts';
import { CancelledError, InputError, SignalError, UsageError } from '../util/errors.ts';

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

export interface ErrorReport {
  exitCode: number;
  /** Lines for standard error; empty when commander already printed its message. */
  lines: string[];
}

/** One line per error; `verbose` adds the stack of unexpected errors. */
export function describeError(error: unknown, verbose: boolean): ErrorReport {
  if (error instanceof CommanderError) {
    // Commander has already written its own `error: …` line (or the help / version text).
    return { exitCode: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE, lines: [] };
  }
  if (error instanceof CancelledError) return { exitCode: EXIT_CANCELLED, lines: [`cancelled: ${error.message}; nothing was written.`] };
  if (error instanceof InputError) return { exitCode: EXIT_INPUT, lines: [`error: ${oneLine(error.message)}`] };
  if (error instanceof UsageError || error instanceof SettingError) return { exitCode: EXIT_USAGE, lines: [`error: ${oneLine(error.message)}`] };
  if (error instanceof SignalError) {
    return { exitCode: EXIT_INPUT, lines: [`error: signal ${error.signal}: ${oneLine(error.message)}`, ...(verbose ? stackOf(error) : [])] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT_INPUT, lines: [`error: ${oneLine(message)}`, ...(verbose ? stackOf(error) : ['(run with --verbose for details)'])] };
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function stackOf(error: unknown): string[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return [];
  const lines = stack.split('\n').slice(1);
  const cause = error instanceof Error && error.cause instanceof Error ? [`caused by: ${error.cause.stack ?? error.cause.message}`] : [];
  return [...lines, ...cause];
}
