/** `clause-cascade generate` (SPEC §12, §13.1): a labeled synthetic policy workbook. */
import type { CliCommand } from '../command.ts';
import { parseChoice, parseSeed, parseWholeNumber } from '../numbers.ts';

import { GENERATOR_STYLES } from '../../generate/types.ts';

export interface GenerateFlags {
  rows: number;
  seed: number;
  style: (typeof GENERATOR_STYLES)[number];
  out: string;
  overwrite?: boolean;
}

export const generateCommand: CliCommand = {
  name: 'generate',
  register(program, context) {
    program
      .command('generate')
      .summary('Write a labeled synthetic policy workbook')
      .description('Write a labeled synthetic policy workbook (.xlsx or .csv) with the seeded clause generator; the Label column holds the intended cluster.')
      .requiredOption('--rows <n>', 'Number of rows', (v: string) => parseWholeNumber('--rows', v))
      .option('--seed <n>', 'Generator seed (32-bit)', (v: string) => parseSeed('--seed', v), 42)
      .option('--style <style>', 'seed: the generator of SPEC §13.1; realistic: clause families with typos, casing, amounts, dates and addresses; noisy: the same with heavy noise and hard negatives; heldout: other families and noise, for judging grouping quality', (v: string) => parseChoice('--style', v, GENERATOR_STYLES), 'realistic')
      .requiredOption('--out <file>', 'Output workbook: a file ending in .xlsx or .csv')
      .option('--overwrite', 'Allow replacing an existing --out file')
      .action(async (flags: GenerateFlags) => {
        const { generateRows, writeGeneratedWorkbook } = await import('../../generate/index.ts');
        const rows = generateRows({ rows: flags.rows, seed: flags.seed, style: flags.style });
        await writeGeneratedWorkbook(rows, flags.out, { overwrite: Boolean(flags.overwrite) });
        process.stdout.write(`Wrote ${rows.length} rows (${flags.style} style, seed ${flags.seed}) to ${flags.out}\n`);
        context.exitCode = 0;
      });
  },
};
