import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** A temporary folder for one test file, removed afterwards. */
export function tempFolder(): { path: (name: string) => string; write: (name: string, content: string | Uint8Array) => Promise<string> } {
  let folder: string | null = null;
  const ensure = async (): Promise<string> => (folder ??= await mkdtemp(join(tmpdir(), 'cc-advise-')));
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  return {
    path: (name) => join(folder ?? '', name),
    write: async (name, content) => {
      const file = join(await ensure(), name);
      await writeFile(file, content);
      return file;
    },
  };
}

export const REFERENCE = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));
export const reference = (name: string): string => join(REFERENCE, name);
