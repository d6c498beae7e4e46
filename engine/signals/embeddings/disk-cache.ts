import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic.ts';

/**
 * On-disk vector cache (SPEC §6.6): embedding vectors kept between runs, keyed by model key (model id + variant,
 * which carries a content hash of the model files) and the SHA-256 of the embedding input.
 *
 * Design — immutable segment files, no locks:
 * - Each model key has its own folder `<cacheDir>/<slug>-<hash of key>/`. A run that computed new vectors writes them
 *   as ONE new segment file `seg-<ms timestamp>-<pid>-<random>.ccv`, through a temp file + rename (atomic on one file
 *   system). Segments are never modified afterwards, so a reader sees either a complete segment or none, and two
 *   processes writing at the same time just produce two segments.
 * - Reading lists the folder and merges all segments in name (age) order; duplicate text hashes are harmless.
 * - Compaction (when a model key has more than `maxSegments` segments or more than `maxBytes`): merge everything read,
 *   drop the oldest records until under 80 % of `maxBytes`, write the result as a new segment, then delete exactly
 *   the segments that were merged. A segment written concurrently by another process is not in that list and
 *   survives; two concurrent compactions at worst leave duplicate records, removed by the next compaction. A
 *   segment deleted between listing and reading is skipped (a cache miss, never an error).
 * - Segment layout (little-endian): magic `CCVECS01`, u32 dim, u32 count, u32 key length, model key (UTF-8, zero-padded
 *   to a multiple of 4), count × ([32-byte SHA-256 of the text][dim × float32]), then a SHA-256 of everything before.
 *   A file with a wrong magic, size, key or checksum (torn copy, disk error, foreign file) is discarded with a
 *   warning and deleted; the affected texts are simply embedded again.
 */

export interface VectorCacheOptions {
  /** Root folder; one sub-folder per model key. */
  dir: string;
  /** Model id + variant; stored in every segment header and checked on read. */
  modelKey: string;
  maxBytes?: number;
  maxSegments?: number;
  log?: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

export interface VectorCache {
  /** Folder of this model key's segments. */
  readonly folder: string;
  /** Vectors read from disk when the cache was opened. */
  readonly loaded: number;
  get(textHash: string): Float32Array | undefined;
  has(textHash: string): boolean;
  /** Records a vector computed in this run; written by flush(). */
  put(textHash: string, vector: Float32Array): void;
  /** Writes the vectors put since the last flush as one new segment, then compacts when over the bounds. */
  flush(): Promise<void>;
}

export const DEFAULT_MAX_CACHE_BYTES = 200 * 1024 * 1024;
const DEFAULT_MAX_SEGMENTS = 16;
const MAGIC = Buffer.from('CCVECS01', 'latin1');
const HASH_BYTES = 32;
const SEGMENT_NAME = /^seg-(\d{13})-.+\.ccv$/;
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The cache key of an embedding input: its SHA-256 as a 32-character binary string. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().toString('latin1');
}

export function modelKeyFolder(dir: string, modelKey: string): string {
  const slug = modelKey.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-60);
  return path.join(dir, `${slug}-${createHash('sha256').update(modelKey).digest('hex').slice(0, 16)}`);
}

interface Segment {
  file: string;
  dim: number;
  records: Array<[string, Float32Array]>;
  bytes: number;
}

type ReadResult = { ok: true; segment: Segment } | { ok: false; reason: string; gone?: boolean };

export function encodeSegment(modelKey: string, dim: number, records: Iterable<[string, Float32Array]>): Buffer {
  const list = [...records];
  const key = Buffer.from(modelKey, 'utf8');
  const keyPadded = Math.ceil(key.length / 4) * 4;
  const headerBytes = MAGIC.length + 12 + keyPadded;
  const recordBytes = HASH_BYTES + dim * 4;
  const body = Buffer.alloc(headerBytes + list.length * recordBytes);
  MAGIC.copy(body, 0);
  body.writeUInt32LE(dim, 8);
  body.writeUInt32LE(list.length, 12);
  body.writeUInt32LE(key.length, 16);
  key.copy(body, 20);
  let offset = headerBytes;
  for (const [hash, vector] of list) {
    if (vector.length !== dim) throw new Error(`vector of length ${vector.length} in a cache of dimension ${dim}`);
    body.write(hash, offset, HASH_BYTES, 'latin1');
    Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(body, offset + HASH_BYTES);
    offset += recordBytes;
  }
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

export function decodeSegment(bytes: Buffer, modelKey: string): { ok: true; dim: number; records: Array<[string, Float32Array]> } | { ok: false; reason: string } {
  if (bytes.length < MAGIC.length + 12 + HASH_BYTES) return { ok: false, reason: 'file too short' };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not a vector cache file' };
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - HASH_BYTES))) {
    return { ok: false, reason: 'checksum mismatch (truncated or damaged)' };
  }
  const dim = body.readUInt32LE(8);
  const count = body.readUInt32LE(12);
  const keyLength = body.readUInt32LE(16);
  const headerBytes = MAGIC.length + 12 + Math.ceil(keyLength / 4) * 4;
  const recordBytes = HASH_BYTES + dim * 4;
  if (dim === 0 || headerBytes + count * recordBytes !== body.length) return { ok: false, reason: 'size does not match its header' };
  const key = body.toString('utf8', 20, 20 + keyLength);
  if (key !== modelKey) return { ok: false, reason: `written for model ${key}` };
  // Float32Array views need 4-byte alignment; copy once when the buffer is not aligned.
  const aligned = body.byteOffset % 4 === 0 ? body : Buffer.from(body);
  const records: Array<[string, Float32Array]> = [];
  for (let i = 0, offset = headerBytes; i < count; i++, offset += recordBytes) {
    const hash = aligned.toString('latin1', offset, offset + HASH_BYTES);
    records.push([hash, new Float32Array(aligned.buffer, aligned.byteOffset + offset + HASH_BYTES, dim)]);
  }
  return { ok: true, dim, records };
}

async function listSegments(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => SEGMENT_NAME.test(n)).sort();
}

function segmentName(timestamp: number): string {
  return `seg-${String(timestamp).padStart(13, '0')}-${process.pid}-${randomBytes(4).toString('hex')}.ccv`;
}

class SegmentVectorCache implements VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly fresh = new Map<string, Float32Array>();
  private dim = 0;
  private segments: string[] = [];
  private diskBytes = 0;
  loaded = 0;

  constructor(
    readonly folder: string,
    private readonly modelKey: string,
    private readonly maxBytes: number,
    private readonly maxSegments: number,
    private readonly log: (level: 'info' | 'warn' | 'debug', msg: string) => void,
  ) {}

  async open(): Promise<void> {
    const names = await listSegments(this.folder);
    for (const name of names) {
      const result = await this.readSegment(name);
      if (!result.ok) continue;
      const { segment } = result;
      if (this.dim === 0) this.dim = segment.dim;
      if (segment.dim !== this.dim) {
        this.log('warn', `Vector cache file ${segment.file} has dimension ${segment.dim}, expected ${this.dim}; ignored.`);
        continue;
      }
      for (const [hash, vector] of segment.records) this.vectors.set(hash, vector);
      this.segments.push(name);
      this.diskBytes += segment.bytes;
    }
    this.loaded = this.vectors.size;
    if (this.loaded > 0) this.log('debug', `Vector cache ${this.folder}: ${this.loaded} vectors in ${this.segments.length} segment(s).`);
  }

  /** Reads and validates one segment; a damaged one is reported, deleted and skipped. */
  private async readSegment(name: string): Promise<ReadResult> {
    const file = path.join(this.folder, name);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, reason: 'removed by a concurrent compaction', gone: true };
      this.log('warn', `Vector cache file ${file} could not be read (${(error as Error).message}); ignored.`);
      return { ok: false, reason: String(error) };
    }
    const decoded = decodeSegment(bytes, this.modelKey);
    if (!decoded.ok) {
      this.log('warn', `Vector cache file ${file} is damaged (${decoded.reason}); discarded, its vectors will be recomputed.`);
      await fs.rm(file, { force: true }).catch(() => undefined);
      return decoded;
    }
    return { ok: true, segment: { file, dim: decoded.dim, records: decoded.records, bytes: bytes.length } };
  }

  get(hash: string): Float32Array | undefined {
    return this.vectors.get(hash);
  }

  has(hash: string): boolean {
    return this.vectors.has(hash);
  }

  put(hash: string, vector: Float32Array): void {
    if (this.vectors.has(hash)) return;
    this.vectors.set(hash, vector);
    this.fresh.set(hash, vector);
  }

  async flush(): Promise<void> {
    if (this.fresh.size > 0) {
      const dim = this.dim || this.fresh.values().next().value!.length;
      if (this.dim === 0) this.dim = dim;
      const records = [...this.fresh].filter(([, v]) => v.length === dim);
      const name = segmentName(Date.now());
      await fs.mkdir(this.folder, { recursive: true });
      const bytes = encodeSegment(this.modelKey, dim, records);
      await writeFileAtomic(path.join(this.folder, name), bytes);
      this.fresh.clear();
      this.segments.push(name);
      this.diskBytes += bytes.length;
      this.log('debug', `Vector cache: wrote ${records.length} vectors to ${name}.`);
    }
    const names = await listSegments(this.folder);
    const bytes = await this.folderBytes(names);
    if (names.length > this.maxSegments || bytes > this.maxBytes) await this.compact(names);
  }

  private async folderBytes(names: string[]): Promise<number> {
    let total = 0;
    for (const name of names) total += await fs.stat(path.join(this.folder, name)).then((s) => s.size, () => 0);
    return total;
  }

  private async compact(names: string[]): Promise<void> {
    const merged = new Map<string, Float32Array>();
    const read: string[] = [];
    let dim = this.dim;
    for (const name of names) {
      const result = await this.readSegment(name);
      if (!result.ok) continue;
      if (dim === 0) dim = result.segment.dim;
      if (result.segment.dim === dim) {
        // Re-inserting moves a record to the position of its newest copy, so "oldest" means least recently written.
        for (const [hash, vector] of result.segment.records) {
          merged.delete(hash);
          merged.set(hash, vector);
        }
      }
      read.push(name);
    }
    if (read.length === 0 || dim === 0) return;
    const recordBytes = HASH_BYTES + dim * 4;
    const budget = Math.floor((this.maxBytes * 0.8) / recordBytes);
    let dropped = 0;
    for (const hash of merged.keys()) {
      if (merged.size <= budget) break;
      merged.delete(hash);
      dropped++;
    }
    const newest = Number(SEGMENT_NAME.exec(read[read.length - 1]!)![1]);
    const name = segmentName(newest);
    await writeFileAtomic(path.join(this.folder, name), encodeSegment(this.modelKey, dim, merged));
    for (const old of read) await fs.rm(path.join(this.folder, old), { force: true });
    await this.removeStaleTemps();
    this.log(
      'debug',
      `Vector cache ${this.folder}: compacted ${read.length} segments into ${name} (${merged.size} vectors` +
        (dropped > 0 ? `, ${dropped} oldest dropped to stay under ${this.maxBytes} bytes` : '') + ').',
    );
  }

  /** Temp files of writers that crashed before their rename. */
  private async removeStaleTemps(): Promise<void> {
    const names = await fs.readdir(this.folder).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      const file = path.join(this.folder, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > STALE_TEMP_MS) await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Opens (reads) the cache of one model key. Never throws for a damaged or unreadable cache: the problem is logged
 * and the cache starts empty. Vectors are stored in the platform's float layout, so big-endian machines get no
 * disk cache (a warning) rather than wrong vectors.
 */
export async function openVectorCache(options: VectorCacheOptions): Promise<VectorCache | null> {
  const log = options.log ?? (() => undefined);
  if (os.endianness() !== 'LE') {
    log('warn', 'The embedding vector cache needs a little-endian machine; vectors are kept in memory only.');
    return null;
  }
  const cache = new SegmentVectorCache(
    modelKeyFolder(options.dir, options.modelKey),
    options.modelKey,
    options.maxBytes ?? DEFAULT_MAX_CACHE_BYTES,
    options.maxSegments ?? DEFAULT_MAX_SEGMENTS,
    log,
  );
  await cache.open();
  return cache;
}
