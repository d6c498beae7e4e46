/** What a CLI command module exports (commands/*.ts), and the state one invocation shares with it. */
import type { Command } from 'commander';

/** Shared state of one CLI invocation. */
export interface CliContext {
  /** Verbose mode (stack traces of unexpected errors); commands set it from `--verbose`. */
  verbose: boolean;
  /** Exit code a command reports without throwing (default 0). */
  exitCode: number;
}

export interface CliCommand {
  name: string;
  /** Adds the command, its options and its action to the program. */
  register(program: Command, context: CliContext): void;
}
