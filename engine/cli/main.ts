/**
 * The `clause-cascade` command (SPEC §12). Each command lives in its own module under commands/ and registers itself
 * here; a command's heavy work is imported on first use, so `--help` stays fast. To add a command (e.g.
 * `experiment`, `notebook`), write `commands/<name>.ts` exporting a `CliCommand` and append it to COMMANDS.
 */
import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.ts';
import { benchCommand } from './commands/bench.ts';
import { experimentCommand } from './commands/experiment.ts';
import { generateCommand } from './commands/generate.ts';
import { notebookCommand } from './commands/notebook.ts';
import { pairsCommand } from './commands/pairs.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { engineVersion } from '../util/version.ts';
import { describeError } from './exit.ts';
import { devModeFromEnv } from './settings-flags.ts';
import type { CliCommand, CliContext } from './command.ts';

export const COMMANDS: CliCommand[] = [analyzeCommand, pairsCommand, generateCommand, benchCommand, experimentCommand, notebookCommand, serveCommand, workerCommand];

export function buildProgram(context: CliContext): Command {
  const program = new Command('clause-cascade');
  // Set before the commands are added, so every command inherits them.
  program
    .description('Groups near-identical insurance policy clauses with a cost-ordered cascade of similarity signals and advises per group.')
    .version(engineVersion(), '-V, --version', 'Print the version and exit')
    .helpOption('-h, --help', 'Show help for the command')
    .helpCommand('help [command]', 'Show help for a command')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: false });
  for (const command of COMMANDS) command.register(program, context);
  return program;
}

let pipeGuard = false;
/** `clause-cascade … | head` closes standard output early; that is not an error of the run. */
function ignoreClosedPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Runs the CLI on the arguments after the program name; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const context: CliContext = { verbose: devModeFromEnv() || argv.includes('--verbose'), exitCode: 0 };
  ignoreClosedPipe();
  try {
    const program = buildProgram(context);
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    const report = describeError(error, context.verbose);
    for (const line of report.lines) process.stderr.write(`${line}\n`);
    return report.exitCode;
  }
}
