/** Facts about the machine and build an experiment ran on, recorded in results.json so figures can be compared. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  totalMemoryMb: number;
  os: string;
  nodeVersion: string;
  engineVersion: string;
  /** `git rev-parse HEAD` of the engine's checkout; null outside a git work tree or without git */
  gitCommit: string | null;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function engineVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export function gitCommit(cwd = PROJECT_ROOT): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    os: `${os.type()} ${os.release()} (${process.platform}-${process.arch})`,
    nodeVersion: process.version,
    engineVersion: engineVersion(),
    gitCommit: gitCommit(),
  };
}
