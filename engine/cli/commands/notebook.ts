/** `clause-cascade notebook run` (SPEC §12, issue 5): executes an experiment notebook headless, like `jupyter nbconvert --execute`. */
import type { CliCommand } from '../command.ts';
import { withInterrupt } from '../interrupt.ts';

interface NotebookFlags {
  out?: string;
  inplace?: boolean;
  allowErrors?: boolean;
  results?: string;
  quiet?: boolean;
}

const HELP = `
Code cells run in order, as in Jupyter: JavaScript against the engine API (\`engine\`, \`ctx\`, \`display\`,
\`console\`; the last line's value is the cell's result) or an experiment config (JSON, run in memory). Outputs are
stored in the notebook: text, tables (text/html + application/json), charts (Vega-Lite + SVG fallback). Relative
paths are relative to the notebook's folder.

Output: the input notebook is never changed unless you ask for it. Without --out or --inplace the executed copy is
written beside it as <name>.out.ipynb (<name>.out.cascade.ipynb for *.cascade.ipynb), replacing an earlier copy;
--out <file.ipynb> writes there (replacing it); --inplace (or --out naming the input) replaces the input.

Exit codes: 0 every cell ran (or --allow-errors), 1 a cell failed (the notebook is written with the error output
and the cells before it) or the notebook is not valid nbformat 4, 2 invalid flags, 130 cancelled (nothing written).`;

export const notebookCommand: CliCommand = {
  name: 'notebook',
  register(program, context) {
    const notebook = program
      .command('notebook')
      .summary('Execute experiment notebooks (.ipynb) headless')
      .description('Experiment notebooks (plain nbformat 4 .ipynb files).');
    notebook
      .command('run')
      .summary('Execute a notebook headless and write it with its outputs')
      .description('Execute every code cell of a notebook in order, headless (like jupyter nbconvert --execute), and write the notebook with its outputs.')
      .argument('<file.ipynb>', 'The notebook to run')
      .option('--out <file.ipynb>', 'Write the executed notebook here (default: <name>.out.ipynb beside the input)')
      .option('--inplace', 'Write the executed notebook over the input')
      .option('--allow-errors', 'Keep running after a failing cell and exit 0 (the errors are stored as outputs)')
      .option('--results <dir>', 'Folder for generated datasets of experiment cells (default: results/ beside the notebook)')
      .option('--quiet', 'No line per cell on standard error')
      .addHelpText('after', HELP)
      .action(async (file: string, flags: NotebookFlags) => {
        const { runNotebookCommand } = await import('../../experiment/cli.ts');
        context.exitCode = await withInterrupt((signal) => runNotebookCommand(file, flags, signal));
      });
  },
};
