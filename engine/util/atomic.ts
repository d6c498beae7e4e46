import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes to a temporary file in the target folder and renames it into place, so a failed or cancelled run leaves
 * no partial file (SPEC §10.1). The rename is atomic on one file system.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await withAtomicFile(target, (temp) => fs.writeFile(temp, data, { flag: 'wx' }));
}

/** The same for a file written piece by piece: `write` fills the temporary path it is given. */
export async function withAtomicFile(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await write(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
