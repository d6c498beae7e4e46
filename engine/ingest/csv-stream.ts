/**
 * `.csv` reading piece by piece (SPEC §4.2): the encoding decodeText would choose, the delimiter sniffed on the start
 * of the text, then records as the parser completes them, so a file of a million lines is never held whole.
 */
import { createReadStream } from 'node:fs';
import { InputError } from '../util/errors.ts';
import { CsvParser, sniffDelimiter, type Delimiter } from './csv.ts';
import { decodeWindows1252, type TextEncodingName } from './decode.ts';
import { readInputBytes } from './read.ts';
import type { SourceRecord } from './table.ts';

/** Enough text to sniff the delimiter on: the sniffer's 4,096 characters and a first line of any sensible length. */
const SNIFF_TEXT = 1 << 20;

export interface CsvStream {
  encoding: TextEncodingName;
  delimiter: Delimiter | null;
  records: AsyncGenerator<SourceRecord>;
  /** 1-based line where an unterminated quoted field starts; known once `records` is done. */
  unterminatedQuoteLine(): number | null;
}

async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) yield chunk as Buffer;
  } catch (error) {
    // The same readable messages as a whole read (missing file, folder, permission).
    if ((error as NodeJS.ErrnoException).code) await readInputBytes(file);
    throw new InputError(`${file} cannot be read: ${(error as Error).message}.`, file);
  }
}

const BOMS: readonly { bytes: readonly number[]; encoding: TextEncodingName; decoder: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8-bom', decoder: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', decoder: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', decoder: 'utf-16be' },
];

/** decodeText's choice without holding the file: a BOM, else strict UTF-8 if every byte decodes, else Windows-1252. */
async function detectEncoding(file: string): Promise<TextEncodingName> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let first = true;
  try {
    for await (const chunk of fileChunks(file)) {
      if (first) {
        first = false;
        const bom = BOMS.find((b) => b.bytes.every((byte, i) => chunk[i] === byte));
        if (bom) return bom.encoding;
      }
      strict.decode(chunk, { stream: true });
    }
    strict.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof InputError) throw error;
    return 'windows-1252';
  }
}

async function* decodedChunks(file: string, encoding: TextEncodingName): AsyncGenerator<string> {
  const bom = BOMS.find((b) => b.encoding === encoding);
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(bom?.decoder ?? 'utf-8', { ignoreBOM: true });
  let skip = bom?.bytes.length ?? 0;
  for await (let chunk of fileChunks(file)) {
    if (skip > 0) {
      const cut = Math.min(skip, chunk.length);
      chunk = chunk.subarray(cut);
      skip -= cut;
    }
    yield decoder ? decoder.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
  }
  if (decoder) yield decoder.decode();
}

/**
 * Opens a .csv file for reading records. `known` (from an earlier reading of the same file) skips the encoding
 * check and the delimiter sniffing.
 */
export async function streamCsv(file: string, known?: { encoding: TextEncodingName; delimiter: Delimiter | null }): Promise<CsvStream> {
  const encoding = known?.encoding ?? (await detectEncoding(file));
  const chunks = decodedChunks(file, encoding);
  let head = '';
  let done = false;
  if (!known) {
    while (head.length < SNIFF_TEXT) {
      const next = await chunks.next();
      if (next.done) {
        done = true;
        break;
      }
      head += next.value;
    }
  }
  const delimiter = known ? known.delimiter : sniffDelimiter(head);
  const parser = new CsvParser(delimiter);
  let unterminated: number | null = null;
  async function* records(): AsyncGenerator<SourceRecord> {
    yield* parser.push(head);
    head = '';
    if (!done) for await (const text of chunks) yield* parser.push(text);
    const rest = parser.end();
    unterminated = rest.unterminatedQuoteLine;
    yield* rest.records;
  }
  return { encoding, delimiter, records: records(), unterminatedQuoteLine: () => unterminated };
}
