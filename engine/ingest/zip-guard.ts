/**
 * Checks a workbook's bytes before they are read (SPEC §4.2): legacy/encrypted OLE files, non-zip files and
 * archives whose declared uncompressed size exceeds the limit (a zip bomb would exhaust memory while unpacking). Only
 * the zip headers are read; nothing is inflated.
 */
import { CorruptZip, listZipEntries, startsLikeZip } from './zip-directory.ts';

export const MAX_UNCOMPRESSED_BYTES = 1024 ** 3;

export type ZipVerdict =
  | { kind: 'ok'; entries: number; uncompressedBytes: number }
  | { kind: 'ole' }
  | { kind: 'not-zip' }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'too-large'; uncompressedBytes: number };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export function inspectWorkbookBytes(bytes: Uint8Array, limit = MAX_UNCOMPRESSED_BYTES): ZipVerdict {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return { kind: 'ole' };
  if (!startsLikeZip(bytes)) return { kind: 'not-zip' };
  try {
    const entries = listZipEntries(bytes);
    const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (total > limit) return { kind: 'too-large', uncompressedBytes: total };
    return { kind: 'ok', entries: entries.length, uncompressedBytes: total };
  } catch (error) {
    if (error instanceof CorruptZip) return { kind: 'corrupt', reason: error.message };
    throw error;
  }
}
