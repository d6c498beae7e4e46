/** The tuning data cache key: the workbook's bytes and the settings that shape which pairs are compared. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { settingsToFlat } from '../../../engine/config/settings.ts';
import type { TuningJob } from '../worker/protocol.ts';

const SHAPING = ['clusterAccuracy', 'mode', 'signalOrder', 'lengthTolerance', 'normalisedGate', 'minTextLength', 'input.sheet', 'input.textColumn', 'embeddings.model.fast', 'embeddings.model.balanced', 'embeddings.model.accurate'];

export async function tuningKey(job: TuningJob): Promise<string> {
  const bytes = await readFile(job.policyFile);
  const flat = settingsToFlat(job.settings);
  return createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ maxRows: job.maxRows, ...Object.fromEntries(SHAPING.map((k) => [k, flat[k]])) }))
    .digest('hex');
}
