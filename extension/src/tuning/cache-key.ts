/** The tuning data cache key: the workbook's bytes and the settings that shape which pairs are compared. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { settingsToFlat } from '../../../engine/config/settings.ts';
import type { TuningJob } from './protocol.ts';

const SHAPING = [
  'clusterAccuracy', 'mode', 'signalOrder', 'lengthTolerance', 'normalisedGate', 'minTextLength', 'fastFloor',
  'input.sheet', 'input.textColumn', 'embeddings.model.fast', 'embeddings.model.balanced', 'embeddings.model.accurate',
];
/** Whole groups of settings that shape the texts (grouping) or the stored floor weights (fast mode's). */
const SHAPING_PREFIXES = ['grouping.', 'weights.fast.'];

export async function tuningKey(job: TuningJob): Promise<string> {
  const bytes = await readFile(job.policyFile);
  const flat = settingsToFlat(job.settings);
  const shaping = Object.keys(flat).filter((k) => SHAPING.includes(k) || SHAPING_PREFIXES.some((p) => k.startsWith(p)));
  return createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ maxRows: job.maxRows, ...Object.fromEntries(shaping.map((k) => [k, flat[k]])) }))
    .digest('hex');
}
