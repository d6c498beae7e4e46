/**
 * The central directory of a zip archive held in memory (the .xlsx container), read from its own records: entry
 * names, compression methods, sizes and where each entry's data starts. Nothing is inflated here.
 */
import { CENTRAL_HEADER, END_OF_CENTRAL_DIRECTORY, LOCAL_HEADER, MAX_32, ZIP64_END, ZIP64_EXTRA, ZIP64_LOCATOR } from '../util/zip-format.ts';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated; other methods are refused when the entry is read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A damaged or truncated archive; `message` says what is wrong in words a user can act on. */
export class CorruptZip extends Error {}


const TRUNCATED = 'the zip directory points past the end of the file (truncated file?)';

/** Little-endian reads that fail loudly past the end of the buffer. */
function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const check = (offset: number, size: number): void => {
    if (offset < 0 || offset + size > bytes.length) throw new CorruptZip(TRUNCATED);
  };
  return {
    u16: (offset: number): number => (check(offset, 2), view.getUint16(offset, true)),
    u32: (offset: number): number => (check(offset, 4), view.getUint32(offset, true)),
    u64: (offset: number): number => (check(offset, 8), Number(view.getBigUint64(offset, true))),
  };
}

/** True when the bytes start like a zip archive (a local file header). */
export const startsLikeZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && reader(bytes).u32(0) === LOCAL_HEADER;

/** Every entry of the central directory, in directory order; throws CorruptZip. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const read = reader(bytes);
  // The end-of-central-directory record sits in the last 22 bytes plus an archive comment of at most 65535 bytes.
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (read.u32(p) === END_OF_CENTRAL_DIRECTORY && p + 22 + read.u16(p + 20) <= bytes.length) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new CorruptZip('the zip directory at the end of the file is missing (truncated file?)');
  let count = read.u16(eocd + 10);
  let p = read.u32(eocd + 16);
  if (count === 0xffff || p === MAX_32) {
    const locator = eocd - 20;
    if (read.u32(locator) !== ZIP64_LOCATOR) throw new CorruptZip('the zip64 directory locator is missing');
    const end64 = read.u64(locator + 8);
    if (read.u32(end64) !== ZIP64_END) throw new CorruptZip('the zip64 directory record is damaged');
    count = read.u64(end64 + 32);
    p = read.u64(end64 + 48);
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (read.u32(p) !== CENTRAL_HEADER) throw new CorruptZip('the zip directory is damaged');
    const nameLength = read.u16(p + 28);
    const extraLength = read.u16(p + 30);
    const commentLength = read.u16(p + 32);
    const sizes = [read.u32(p + 24), read.u32(p + 20), read.u32(p + 42)];
    // A saturated size or offset is given in the zip64 extra field, in this order, only for the saturated ones.
    const extraEnd = p + 46 + nameLength + extraLength;
    for (let q = p + 46 + nameLength; q + 4 <= extraEnd; q += 4 + read.u16(q + 2)) {
      if (read.u16(q) !== ZIP64_EXTRA) continue;
      let field = q + 4;
      for (let i = 0; i < sizes.length; i++) {
        if (sizes[i] !== MAX_32) continue;
        sizes[i] = read.u64(field);
        field += 8;
      }
      break;
    }
    const [uncompressedSize = 0, compressedSize = 0, localHeaderOffset = 0] = sizes;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({ name, method: read.u16(p + 10), compressedSize, uncompressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The stored (possibly deflated) bytes of one entry, found through its local header. */
export function entryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const read = reader(bytes);
  const header = entry.localHeaderOffset;
  if (read.u32(header) !== LOCAL_HEADER) throw new CorruptZip(`the zip entry ${entry.name} is damaged`);
  const start = header + 30 + read.u16(header + 26) + read.u16(header + 28);
  if (start + entry.compressedSize > bytes.length) throw new CorruptZip(TRUNCATED);
  return bytes.subarray(start, start + entry.compressedSize);
}
