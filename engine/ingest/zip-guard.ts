/**
 * Checks a workbook's bytes before exceljs sees them (SPEC §4.2): legacy/encrypted OLE files, non-zip files and
 * archives whose declared uncompressed size exceeds the limit (a zip bomb would exhaust memory while unpacking). Only
 * the zip headers are read; nothing is inflated.
 */

export const MAX_UNCOMPRESSED_BYTES = 1024 ** 3;

export type ZipVerdict =
  | { kind: 'ok'; entries: number; uncompressedBytes: number }
  | { kind: 'ole' }
  | { kind: 'not-zip' }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'too-large'; uncompressedBytes: number };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_EXTRA = 0x0001;

class Truncated extends Error {}

/** Little-endian reads that fail loudly past the end of the buffer. */
function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const check = (offset: number, size: number): void => {
    if (offset < 0 || offset + size > bytes.length) throw new Truncated();
  };
  return {
    u16: (offset: number): number => (check(offset, 2), view.getUint16(offset, true)),
    u32: (offset: number): number => (check(offset, 4), view.getUint32(offset, true)),
    u64: (offset: number): number => (check(offset, 8), Number(view.getBigUint64(offset, true))),
  };
}

export function inspectWorkbookBytes(bytes: Uint8Array, limit = MAX_UNCOMPRESSED_BYTES): ZipVerdict {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return { kind: 'ole' };
  const read = reader(bytes);
  if (bytes.length < 4 || read.u32(0) !== LOCAL_HEADER) return { kind: 'not-zip' };
  try {
    // The end-of-central-directory record sits in the last 22 bytes plus an archive comment of at most 65535 bytes.
    let eocd = -1;
    for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
      if (read.u32(p) === END_OF_CENTRAL_DIRECTORY && p + 22 + read.u16(p + 20) <= bytes.length) {
        eocd = p;
        break;
      }
    }
    if (eocd < 0) return { kind: 'corrupt', reason: 'the zip directory at the end of the file is missing (truncated file?)' };
    let entries = read.u16(eocd + 10);
    let directoryOffset = read.u32(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (read.u32(locator) !== ZIP64_LOCATOR) return { kind: 'corrupt', reason: 'the zip64 directory locator is missing' };
      const end64 = read.u64(locator + 8);
      if (read.u32(end64) !== ZIP64_END) return { kind: 'corrupt', reason: 'the zip64 directory record is damaged' };
      entries = read.u64(end64 + 32);
      directoryOffset = read.u64(end64 + 48);
    }
    let total = 0;
    let p = directoryOffset;
    for (let n = 0; n < entries; n++) {
      if (read.u32(p) !== CENTRAL_HEADER) return { kind: 'corrupt', reason: 'the zip directory is damaged' };
      let size = read.u32(p + 24);
      const nameLength = read.u16(p + 28);
      const extraLength = read.u16(p + 30);
      const commentLength = read.u16(p + 32);
      if (size === 0xffffffff) {
        // The real size is the first value of the zip64 extra field.
        const extraEnd = p + 46 + nameLength + extraLength;
        for (let q = p + 46 + nameLength; q + 4 <= extraEnd; q += 4 + read.u16(q + 2)) {
          if (read.u16(q) === ZIP64_EXTRA) {
            size = read.u64(q + 4);
            break;
          }
        }
      }
      total += size;
      if (total > limit) return { kind: 'too-large', uncompressedBytes: total };
      p += 46 + nameLength + extraLength + commentLength;
    }
    return { kind: 'ok', entries, uncompressedBytes: total };
  } catch (error) {
    if (error instanceof Truncated) return { kind: 'corrupt', reason: 'the zip directory points past the end of the file (truncated file?)' };
    throw error;
  }
}
