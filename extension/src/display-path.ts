/** Paths as the user reads them in messages (never relative to the extension host's working folder). */
import os from 'node:os';
import path from 'node:path';

/** A file or folder as a user reads it: relative to the workspace when inside it, `~/…` under the home folder, else absolute. */
export function displayPath(target: string, workspaceRoot: string | null, home = os.homedir()): string {
  const inside = (root: string) => {
    const relative = path.relative(root, target);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : null;
  };
  if (workspaceRoot) {
    if (path.resolve(target) === path.resolve(workspaceRoot)) return '.';
    const relative = inside(workspaceRoot);
    if (relative) return relative;
  }
  const underHome = inside(home);
  return underHome ? `~/${underHome}` : target;
}
