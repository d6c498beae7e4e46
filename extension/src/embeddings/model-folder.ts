/** Model folders as the user sees them: what a picked folder lacks, and its path as shown (never the host's cwd). */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODEL_FILES, MODEL_GRAPHS } from './notice.ts';

export function missingModelFiles(folder: string): string[] {
  const missing: string[] = MODEL_FILES.filter((f) => !existsSync(path.join(folder, f)));
  if (!MODEL_GRAPHS.some((g) => existsSync(path.join(folder, g)))) missing.push(MODEL_GRAPHS.join(' or '));
  return missing;
}

/** `folder` as a user reads it: relative to the workspace when inside it, `~/…` under the home folder, else absolute. */
export function displayPath(folder: string, workspaceRoot: string | null, home = os.homedir()): string {
  const inside = (root: string) => {
    const relative = path.relative(root, folder);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : null;
  };
  if (workspaceRoot) {
    if (path.resolve(folder) === path.resolve(workspaceRoot)) return '.';
    const relative = inside(workspaceRoot);
    if (relative) return relative;
  }
  const underHome = inside(home);
  return underHome ? `~/${underHome}` : folder;
}
