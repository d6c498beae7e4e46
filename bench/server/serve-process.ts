/** What the server benchmarks share: `serve` as a real process, its memory, and the CLI run reports are compared with. */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'clause-cascade.js');
export const SAMPLE = path.join(ROOT, 'fixtures', 'sample', 'policies.xlsx');

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `cc-bench-${prefix}-`));
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Time from spawn to the first answer of /health/ready, ms. */
  startMs: number;
}

export async function startServe(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
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

export async function stopServe(server: ServeProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** Direct children of a process (the analysis processes of `serve`). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the resident memory of the server process alone and of the server with its analysis processes. */
export class RssSampler {
  peakServer = 0;
  peakTotal = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(pid: number, everyMs = 100) {
    this.timer = setInterval(() => {
      const server = rssBytes(pid);
      const total = server + childPids(pid).reduce((sum, child) => sum + rssBytes(child), 0);
      this.peakServer = Math.max(this.peakServer, server);
      this.peakTotal = Math.max(this.peakTotal, total);
    }, everyMs);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Cluster id and advice of every row of a report's `Analyseresultaten`, in order. */
export async function reportRows(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.getWorksheet('Analyseresultaten');
  if (!sheet) throw new Error('report without Analyseresultaten');
  const rows: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(`${row.getCell(2).text}\t${row.getCell(3).text}\t${row.getCell(5).text}`);
  });
  return rows;
}

/** The CLI's report on the same input with the same settings: what every server job must reproduce. */
export async function cliReportRows(file: string, mode: string): Promise<string[]> {
  const dir = await tempDir('cli');
  const out = path.join(dir, 'cli.xlsx');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', file, '--mode', mode, '--out', out, '--quiet'], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analyze exited ${code}`))));
  });
  const rows = await reportRows(await fs.readFile(out));
  await fs.rm(dir, { recursive: true, force: true });
  return rows;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
