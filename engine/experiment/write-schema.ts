/**
 * Regenerates experiments/schema/experiment.schema.json from the settings schema:
 *   npx tsx engine/experiment/write-schema.ts
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic.ts';
import { experimentJsonSchemaText } from './schema.ts';

export const EXPERIMENT_SCHEMA_FILE = fileURLToPath(new URL('../../experiments/schema/experiment.schema.json', import.meta.url));

export async function writeExperimentSchema(file = EXPERIMENT_SCHEMA_FILE): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, experimentJsonSchemaText());
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Wrote ${await writeExperimentSchema()}`);
}
