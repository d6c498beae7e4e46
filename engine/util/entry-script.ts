/**
 * The script a module starts in another thread or process (a worker thread, an analysis process). Running from the
 * TypeScript sources (tsx, vitest) it is the source file beside the calling module, loaded through tsx; in a build
 * it is the compiled entry the build writes beside the calling module's chunk, so nothing is transpiled at start.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EntryScript {
  url: URL;
  viaTsx: boolean;
}

/** Null in a bundle that does not carry the compiled entry. */
export function entryScript(callerUrl: string, source: string, built: string): EntryScript | null {
  if (callerUrl.endsWith('.ts')) return { url: new URL(source, callerUrl), viaTsx: true };
  const url = new URL(built, callerUrl);
  return existsSync(fileURLToPath(url)) ? { url, viaTsx: false } : null;
}
