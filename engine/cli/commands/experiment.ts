/** `clause-cascade experiment run|compare` (SPEC §12, §13.3): experiment configs → results folders, and two runs side by side. */
import type { CliCommand } from '../command.ts';
import { withInterrupt } from '../interrupt.ts';
import { parseWholeNumber } from '../numbers.ts';
import { addSetOption, parseAssignments } from '../settings-flags.ts';

interface RunFlags {
  all?: boolean;
  results?: string;
  repeats?: number;
  set?: string[];
  verbose?: boolean;
}

const RUN_HELP = `
Each config (*.experiment.json; schema: experiments/schema/experiment.schema.json) names a dataset, a baseline
(default: policy full with each variant's settings) and variants. Per variant, the variant and its baseline run in
this process, alternating, after a warm-up; embedding models load once and every run starts cold (no disk cache).
A line per variant goes to standard error; each results folder's path to standard output:
  <results>/<experiment>/<timestamp>/ results.json, runs.csv, summary.md, *.vl.json + *.svg charts
Generated datasets are written once to <results>/.datasets/ and reused.

Examples:
  clause-cascade experiment run experiments/
  clause-cascade experiment run experiments/seed-vs-lossless.experiment.json --repeats 1
  clause-cascade experiment run experiments/modes.experiment.json --set embeddings.model.balanced=./fixtures/tiny-model
  clause-cascade experiment compare experiments/results/seed-vs-lossless/<run-a> experiments/results/seed-vs-lossless/<run-b>

Exit codes: 0 done, 1 input error (missing file, unreadable workbook), 2 invalid config or flag (the message names
the field, e.g. variants[1].settings.clusterAccuracy), 130 cancelled (Ctrl+C; nothing is written for the
experiment that was running).`;

export const experimentCommand: CliCommand = {
  name: 'experiment',
  register(program, context) {
    const experiment = program
      .command('experiment')
      .summary('Run experiment configs (speedup and result differences against a baseline) and compare runs')
      .description('Experiments (SPEC §13.3): run configs that measure variants against their baseline, or compare two runs.');

    const run = experiment
      .command('run')
      .summary('Run experiment configs and write their results folders')
      .description('Run experiment configs and write a results folder per experiment (results.json, runs.csv, summary.md, charts).')
      .argument('[paths...]', '*.experiment.json files, or folders whose *.experiment.json files are all run (in name order)')
      .option('--all', 'Run every *.experiment.json in ./experiments (as the VS Code task "run all experiments" does)')
      .option('--results <dir>', 'Results root (default: results/ beside each config file)')
      .option('--repeats <n>', "Measured runs per variant and baseline, replacing each config's repeats", (v: string) => parseWholeNumber('--repeats', v, 1))
      .option('--verbose', 'A line per run (warm-up and measured) as well as per variant');
    addSetOption(run);
    run.addHelpText('after', `${RUN_HELP}\n\n--set applies to every variant and baseline, on top of the config's shared settings (paths relative to the working folder).`);
    run.action(async (paths: string[], flags: RunFlags) => {
      if (flags.verbose) context.verbose = true;
      const { runExperimentCommand } = await import('../../experiment/cli.ts');
      const set = flags.set && flags.set.length > 0 ? parseAssignments(flags.set) : undefined;
      context.exitCode = await withInterrupt((signal) =>
        runExperimentCommand(paths, { all: flags.all, results: flags.results, repeats: flags.repeats, set, quiet: !flags.verbose }, signal),
      );
    });

    experiment
      .command('compare')
      .summary('Show two experiment runs side by side')
      .description(
        'Show two experiment runs side by side per variant (clusters, time, speedup, differing rows, ARI, F1 against labels). A run is a results folder, its results.json, or an experiment folder (then its newest run).',
      )
      .argument('<run-a>', 'First run')
      .argument('<run-b>', 'Second run')
      .action(async (a: string, b: string) => {
        const { compareExperimentCommand } = await import('../../experiment/cli.ts');
        context.exitCode = await compareExperimentCommand(a, b);
      });
  },
};
