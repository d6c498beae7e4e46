/** `clause-cascade analyze <policy-file>` (SPEC §12): one analysis run, written as the Excel report and JSON summary. */
import type { CliCommand } from '../command.ts';
import type { AnalyzeFlags } from '../analyze/flags.ts';
import { addSetOption, addSettingFlags, ANALYZE_SETTING_FLAGS, settingsListHelp } from '../settings-flags.ts';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  register(program, context) {
    const command = program
      .command('analyze')
      .summary('Analyse a policy workbook and write the Excel report and JSON summary')
      .description('Analyse a policy workbook (.xlsx or .csv): cluster its clauses, advise per cluster and write the Excel report and JSON summary.')
      .argument('<policy-file>', 'The policy workbook (.xlsx or .csv); it is never modified')
      .option('--conditions <file...>', 'Conditions documents (.txt, .md, .docx, .pdf)')
      .option('--library <file...>', 'Clause libraries (.xlsx, .csv)')
      .option('--instructions <file>', 'Custom instructions (free text, or a .csv/.xlsx table)');
    addSettingFlags(command, ANALYZE_SETTING_FLAGS);
    command
      .option('--model <id|folder>', 'Sentence-embedding model for the chosen mode: a hub id or a local model folder (sets embeddings.model.<mode>)')
      .option('--no-embeddings', 'Run without the embedding signal (embeddings.model.<mode> = none)')
      .option('--out <file.xlsx>', 'Report path (default: {input folder}/{input stem}_clause-cascade.xlsx, numbered instead of overwriting)')
      .option('--overwrite', 'Allow replacing an existing --out / --json file')
      .option('--json <file|->', 'JSON summary path, or - to print it on standard output instead of the summary table (default: next to the report)')
      .option('--verbose', 'Developer mode: debug logging (every early exit) on standard error; also CLAUSE_CASCADE_DEV=1');
    command.option('--quiet', 'No progress bar and no summary table');
    addSetOption(command);
    command.addHelpText('after', settingsListHelp());
    command.action(async (policyFile: string, flags: AnalyzeFlags) => {
      if (flags.verbose) context.verbose = true;
      const { runAnalyzeCommand } = await import('../analyze/run.ts');
      context.exitCode = await runAnalyzeCommand(policyFile, flags);
    });
  },
};
