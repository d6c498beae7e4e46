/**
 * The UTF-8 text of one zip entry: whole for the small parts of a workbook, in pieces for a worksheet or the shared
 * strings, which can hold hundreds of megabytes and are never one string.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { CorruptZip, entryBytes, type ZipEntry } from './zip-directory.ts';

const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to zlib at a time, and the size of its output pieces. */
const PIECE_BYTES = 256 * 1024;

function checkMethod(entry: ZipEntry): void {
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new CorruptZip(`the zip entry ${entry.name} uses compression method ${entry.method}, which Excel does not write`);
  }
}

/** The whole text of a small entry. */
export function entryText(bytes: Uint8Array, entry: ZipEntry): string {
  checkMethod(entry);
  const data = entryBytes(bytes, entry);
  return new TextDecoder().decode(entry.method === STORED ? data : inflateRawSync(data));
}

function* slices(data: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += PIECE_BYTES) yield data.subarray(at, at + PIECE_BYTES);
}

/**
 * The text of an entry in pieces of about PIECE_BYTES; a character split between two inflated chunks is joined by
 * the streaming decoder. Stopping the iteration early stops inflating.
 */
export async function* entryTextPieces(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  checkMethod(entry);
  const data = entryBytes(bytes, entry);
  const decoder = new TextDecoder();
  if (entry.method === STORED) {
    for (const slice of slices(data)) yield decoder.decode(slice, { stream: true });
  } else {
    const source = Readable.from(slices(data), { objectMode: false });
    const inflater = createInflateRaw({ chunkSize: PIECE_BYTES });
    source.pipe(inflater);
    try {
      for await (const chunk of inflater) yield decoder.decode(chunk as Buffer, { stream: true });
    } finally {
      source.destroy();
      inflater.destroy();
    }
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
