/**
 * The server run from the CLI build forks the build's compiled analysis process (dist/cli/analysis-process.mjs), not
 * the TypeScript sources through tsx, and a job completes through it. The build goes to a folder of its own, two
 * folders below the root as dist/cli is.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, getJson, post, ROOT, SAMPLE, serveProcess, tempDir, waitForJob, type ServeProcess } from './helpers.ts';

const BUILD = path.join(ROOT, 'dist', `cli-test-${process.pid}`);
/** Starts the built CLI's main() the way bin/clause-cascade.js does, without its freshness check. */
const BUILT_CLI = ['--input-type=module', '-e', 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));', pathToFileURL(path.join(BUILD, 'main.mjs')).href];

/** Command lines of the processes whose parent is `pid` (Linux /proc). */
function childCommands(pid: number): string[][] {
  const commands: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) commands.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // the process ended while being read
    }
  }
  return commands;
}

let server: ServeProcess | undefined;
beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'build.js'), '--out', BUILD], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await fs.rm(BUILD, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('serve from the CLI build', () => {
  it('runs each analysis in the compiled analysis process, without tsx', async () => {
    server = await serveProcess(await tempDir('built'), [], BUILT_CLI);
    const job = await post(`${server.url}/api/analyze`, await form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'balanced' }));
    let forked: string[] | undefined;
    const done = await waitForJob(server.url, job.json.job_id, 50, 120_000, () => {
      forked ??= childCommands(server!.child.pid!).find((command) => command.some((arg) => arg.includes('analysis-process')));
    });
    expect(done.status).toBe('completed');
    expect(forked).toBeDefined();
    expect(forked).toContain(path.join(BUILD, 'analysis-process.mjs'));
    expect(forked!.join(' ')).not.toMatch(/tsx/);
    expect((await getJson(`${server.url}/api/results/${job.json.job_id}`)).json.results).toHaveLength(done.stats.total_rows);
  }, 180_000);
});
