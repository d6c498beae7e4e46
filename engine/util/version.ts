import { readFileSync } from 'node:fs';

let version: string | null = null;

/** The engine's version, from the package manifest, read once per process. */
export function engineVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
