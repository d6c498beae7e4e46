/** `clause-cascade pairs` (SPEC §12): why were these two (not) grouped? Scores two text columns row by row. */
import type { CliCommand } from '../command.ts';
import { parseFraction } from '../numbers.ts';
import { PAIRS_SETTING_FLAGS, type PairsFlags } from '../pairs/flags.ts';
import { addSetOption, addSettingFlags } from '../settings-flags.ts';

export const pairsCommand: CliCommand = {
  name: 'pairs',
  register(program, context) {
    const command = program
      .command('pairs')
      .summary('Score two text columns row by row: why were these two (not) grouped?')
      .description(
        'Score two text columns row by row with the cascade (as clustering compares a row with a leader) and show the score, bounds, decision, exit and signal values: why were these two (not) grouped?',
      )
      .argument('<file>', 'A table (.csv, .tsv or .xlsx) holding both text columns; it is never modified')
      .requiredOption('--left <column>', 'Header of the first text column')
      .requiredOption('--right <column>', 'Header of the second text column');
    addSettingFlags(command, PAIRS_SETTING_FLAGS);
    command
      .option('--threshold <0-1>', 'Cut for a match (default: clusterAccuracy / 100)', (v: string) => parseFraction('--threshold', v))
      .option('--model <id|folder>', 'Sentence-embedding model for the chosen mode (sets embeddings.model.<mode>)')
      .option('--no-embeddings', 'Score without the embedding signal')
      .option('--out <file.csv>', 'Write the input columns plus score, lower, upper, decision, exit and signals as CSV (default: a table on standard output)')
      .option('--overwrite', 'Allow replacing an existing --out file')
      .option('--verbose', 'Log every early exit of the cascade on standard error');
    addSetOption(command);
    command.action(async (file: string, flags: PairsFlags) => {
      if (flags.verbose) context.verbose = true;
      const { runPairsCommand } = await import('../pairs/run.ts');
      context.exitCode = await runPairsCommand(file, flags);
    });
  },
};
