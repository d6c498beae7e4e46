/**
 * The deployment files in deploy/: the systemd units pass `systemd-analyze verify` where it exists, and every
 * clause-cascade command line in them and in the Compose file uses a command and flags the CLI has, with the queue,
 * AOF and worker settings docs/scaling.md describes. (`docker compose config` where Docker's Compose plugin exists.)
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/helpers.ts';

const run = promisify(execFile);
const DEPLOY = path.join(ROOT, 'deploy');
const UNITS = ['clause-cascade-serve.service', 'clause-cascade-worker@.service'];

async function available(command: string, args: string[]): Promise<boolean> {
  return run(command, args).then(
    () => true,
    () => false,
  );
}

/** Fails naming any flag of the command line that `clause-cascade <command> --help` does not list. */
async function expectKnownFlags(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const help = await cli([command!, '--help']);
  expect(help.code, `clause-cascade ${command} --help`).toBe(0);
  for (const flag of rest.filter((a) => a.startsWith('--'))) expect(help.stdout, `${command} ${flag}`).toContain(flag);
}

function unitValue(text: string, key: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${key}=`));
  expect(line, key).toBeDefined();
  return line!.slice(key.length + 1);
}

/** The `command:` arrays of the Compose file's services, which are written as JSON flow sequences. */
function composeCommands(text: string): Map<string, string[]> {
  const commands = new Map<string, string[]>();
  let service = '';
  for (const line of text.split('\n')) {
    const header = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (header) service = header[1]!;
    const command = /^ {4}command: (\[.*\])\s*$/.exec(line);
    if (command) commands.set(service, JSON.parse(command[1]!) as string[]);
  }
  return commands;
}

describe('deploy files', () => {
  it.each(UNITS)('%s runs a clause-cascade command with flags the CLI has, on the queue of queue.env', async (unit) => {
    const text = await fs.readFile(path.join(DEPLOY, 'systemd', unit), 'utf8');
    expect(unitValue(text, 'EnvironmentFile')).toBe('/etc/clause-cascade/queue.env');
    const exec = unitValue(text, 'ExecStart').split(/\s+/);
    expect(exec.slice(0, 2)).toEqual(['/usr/bin/node', '/opt/clause-cascade/bin/clause-cascade.js']);
    expect(exec[exec.indexOf('--queue') + 1]).toBe('${QUEUE}');
    await expectKnownFlags(exec.slice(2));
  });

  it('systemd units pass systemd-analyze verify', async (context) => {
    if (!(await available('systemd-analyze', ['--version']))) return context.skip();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-units-'));
    try {
      // A template is verified through an instance of it.
      const files = await Promise.all(
        UNITS.map(async (unit) => {
          const target = path.join(dir, unit.replace('@.', '@1.'));
          await fs.copyFile(path.join(DEPLOY, 'systemd', unit), target);
          return target;
        }),
      );
      const { stderr } = await run('systemd-analyze', ['verify', ...files]);
      expect(stderr.split('\n').filter((l) => l.includes('clause-cascade'))).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the Compose file: Redis with AOF, serve --queue and workers on the same Redis, flags the CLI has', async () => {
    const text = await fs.readFile(path.join(DEPLOY, 'docker-compose.yml'), 'utf8');
    const commands = composeCommands(text);
    expect([...commands.keys()]).toEqual(['redis', 'api', 'worker']);
    const redis = commands.get('redis')!;
    expect(redis[redis.indexOf('--appendonly') + 1]).toBe('yes');
    const api = commands.get('api')!;
    const worker = commands.get('worker')!;
    expect(api[0]).toBe('serve');
    expect(worker[0]).toBe('worker');
    expect(api[api.indexOf('--queue') + 1]).toBe('redis://redis:6379/0');
    expect(worker[worker.indexOf('--queue') + 1]).toBe(api[api.indexOf('--queue') + 1]);
    await expectKnownFlags(api);
    await expectKnownFlags(worker);
    expect(text).toMatch(/^ {6}replicas: \d+$/m);
    if (await available('docker', ['compose', 'version'])) await run('docker', ['compose', '-f', path.join(DEPLOY, 'docker-compose.yml'), 'config', '--quiet']);
  }, 60_000);
});
