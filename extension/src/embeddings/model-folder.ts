/** What a picked model folder lacks. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MODEL_FILES, MODEL_GRAPHS } from './notice.ts';

export function missingModelFiles(folder: string): string[] {
  const missing: string[] = MODEL_FILES.filter((f) => !existsSync(path.join(folder, f)));
  if (!MODEL_GRAPHS.some((g) => existsSync(path.join(folder, g)))) missing.push(MODEL_GRAPHS.join(' or '));
  return missing;
}
