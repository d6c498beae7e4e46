/**
 * Output files written by CLI commands other than `analyze` (whose report paths are the report stage's): refused
 * when they resolve to an input file or exist without --overwrite; written atomically. CSV follows the project's CSV
 * convention (UTF-8 with BOM, `;`, RFC 4180 quoting, CRLF), as `generate` writes it.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.ts';
import { UsageError } from '../util/errors.ts';

function canonical(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync.native(absolute);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function sameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Checks an output path before any work: extension, folder, not an input, no silent overwrite. */
export function checkOutputFile(target: string, options: { inputs: readonly string[]; overwrite: boolean; flag: string; extensions: readonly string[] }): string {
  const resolved = path.resolve(target);
  const extension = path.extname(resolved).toLowerCase();
  if (!options.extensions.includes(extension)) {
    throw new UsageError(`${options.flag} must name a file ending in ${options.extensions.join(' or ')}: ${resolved}.`);
  }
  const folder = path.dirname(resolved);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`The folder of ${options.flag} does not exist: ${folder}. Create it or choose another ${options.flag}.`);
  }
  for (const input of options.inputs) {
    if (sameFile(resolved, input)) throw new UsageError(`${options.flag} ${resolved} is an input file of this run; choose another ${options.flag}.`);
  }
  if (existsSync(resolved)) {
    if (statSync(resolved).isDirectory()) throw new UsageError(`${options.flag} ${resolved} is a folder; give a file name.`);
    if (!options.overwrite) throw new UsageError(`${resolved} already exists; allow overwriting (--overwrite) or choose another ${options.flag}.`);
  }
  return resolved;
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvBytes(headers: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const lines = [headers, ...rows].map((cells) => cells.map(csvField).join(';'));
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]));
}

export async function writeCsvFile(target: string, headers: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
  await writeFileAtomic(target, csvBytes(headers, rows));
}
