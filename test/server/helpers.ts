/** A real `serve` on port 0 with its own data folder, and real multipart requests to it (fetch + FormData). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../engine/server/app.ts';
import type { ServerOptions } from '../../engine/server/options.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(ROOT, 'fixtures');
export const SAMPLE = path.join(FIXTURES, 'sample', 'policies.xlsx');

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `cc-server-${prefix}-`));
}

export async function testServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: options.dataDir ?? (await tempDir('data')),
    maxConcurrentJobs: 1,
    jobRetentionMinutes: 60,
    corsOrigins: [],
    environment: 'test',
    ...options,
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Time from spawn to the first answer of /health/ready, ms. */
  startMs: number;
}

/**
 * `clause-cascade serve` as its own process (port 0), so it can be killed like a real one; `cli` is the command that
 * starts the CLI (default: bin/clause-cascade.js).
 */
export async function serveProcess(dataDir: string, extra: string[] = [], cli = [path.join(ROOT, 'bin', 'clause-cascade.js')]): Promise<ServeProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...cli, 'serve', '--port', '0', '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /serving on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${out}`)));
  });
  await fetch(`${url}/health/ready`);
  return { child, url, startMs: performance.now() - t0 };
}

/** A file part: a fixture path (sent under its own name unless `name` is given) or bytes with a name. */
export type FilePart = { path: string; name?: string } | { data: Uint8Array | string; name: string };

export async function form(files: Record<string, FilePart | FilePart[]>, fields: Record<string, string> = {}): Promise<FormData> {
  const body = new FormData();
  for (const [field, parts] of Object.entries(files)) {
    for (const part of Array.isArray(parts) ? parts : [parts]) {
      const data = 'path' in part ? await fs.readFile(part.path) : typeof part.data === 'string' ? Buffer.from(part.data) : part.data;
      body.append(field, new Blob([data]), 'path' in part ? (part.name ?? path.basename(part.path)) : part.name);
    }
  }
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

export async function post(url: string, body: FormData): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { method: 'POST', body });
  return { status: response.status, json: await response.json() };
}

export async function getJson(url: string): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, json: await response.json(), headers: response.headers };
}

/** Polls the legacy status route until the job ends, showing `onStatus` every answer on the way. */
export async function waitForJob(base: string, id: string, intervalMs = 250, timeoutMs = 120_000, onStatus?: (status: any) => void): Promise<any> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await getJson(`${base}/api/status/${id}`);
    onStatus?.(json);
    if (json.status === 'completed' || json.status === 'failed') return json;
    if (Date.now() > end) throw new Error(`job ${id} still ${json.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * A real zip bomb in .xlsx clothing: one entry of 1.1 GiB of zeros, deflated to about a megabyte, with honest
 * sizes in its headers. Built once per test file.
 */
export async function zipBomb(): Promise<Buffer> {
  const size = 1100 * 1024 * 1024;
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(parts);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** Every file under a folder, relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}
