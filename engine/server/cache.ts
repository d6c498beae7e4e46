/**
 * The legacy cache routes over Clause Cascade's caches (SPEC §14): the on-disk embedding-vector cache, one folder
 * per model key holding immutable segment files (signals/embeddings/disk-cache.ts). The server process itself keeps
 * no model loaded — each job's analysis process loads and frees its own — so `loaded_models` is always empty here.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const SEGMENT = /^seg-\d{13}-.+\.ccv$/;
const HEADER_BYTES = 4096;

export interface CacheFolderStats {
  key: string;
  model: string | null;
  segments: number;
  entries: number;
  bytes: number;
}

export interface CacheStats {
  status: 'ok';
  cache_dir: string;
  total_entries: number;
  total_bytes: number;
  models: CacheFolderStats[];
  loaded_models: string[];
}

/** Vector count and model key from a segment header: magic(8) dim(4) count(4) key length(4) key. */
async function segmentHeader(file: string): Promise<{ count: number; model: string } | null> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    if (bytesRead < 20 || buffer.toString('latin1', 0, 8) !== 'CCVECS01') return null;
    const keyLength = buffer.readUInt32LE(16);
    return { count: buffer.readUInt32LE(12), model: buffer.toString('utf8', 20, Math.min(bytesRead, 20 + keyLength)) };
  } finally {
    await handle.close();
  }
}

async function folderStats(cacheDir: string, key: string): Promise<CacheFolderStats | null> {
  const folder = path.join(cacheDir, key);
  const names = await fs.readdir(folder).catch(() => null);
  if (names === null) return null;
  const stats: CacheFolderStats = { key, model: null, segments: 0, entries: 0, bytes: 0 };
  for (const name of names.filter((n) => SEGMENT.test(n))) {
    const file = path.join(folder, name);
    const header = await segmentHeader(file);
    if (!header) continue;
    stats.segments++;
    stats.entries += header.count;
    stats.model ??= header.model;
    stats.bytes += (await fs.stat(file).catch(() => ({ size: 0 }))).size;
  }
  return stats;
}

export class VectorCacheAdmin {
  constructor(readonly cacheDir: string) {}

  private async keys(): Promise<string[]> {
    const entries = await fs.readdir(this.cacheDir, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  }

  async stats(): Promise<CacheStats> {
    const models = (await Promise.all((await this.keys()).map((key) => folderStats(this.cacheDir, key)))).filter((s): s is CacheFolderStats => s !== null);
    return {
      status: 'ok',
      cache_dir: this.cacheDir,
      total_entries: models.reduce((n, m) => n + m.entries, 0),
      total_bytes: models.reduce((n, m) => n + m.bytes, 0),
      models,
      loaded_models: [],
    };
  }

  /** Deletes the segments of one model key; null when the key is unknown. Returns the vectors removed. */
  async clearKey(key: string): Promise<number | null> {
    if (!(await this.keys()).includes(key)) return null;
    const stats = await folderStats(this.cacheDir, key);
    const names = await fs.readdir(path.join(this.cacheDir, key)).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => SEGMENT.test(n)).map((n) => fs.rm(path.join(this.cacheDir, key, n), { force: true })));
    return stats?.entries ?? 0;
  }

  async clearAll(): Promise<number> {
    let cleared = 0;
    for (const key of await this.keys()) cleared += (await this.clearKey(key)) ?? 0;
    return cleared;
  }
}
