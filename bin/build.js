#!/usr/bin/env node
// Compiles the CLI once with esbuild into dist/cli/ (git-ignored), so `clause-cascade` starts from plain JavaScript
// instead of transpiling TypeScript on every start. Runs as the `prepare` script (after `npm ci` / `npm install`)
// and as `npm run build` (`--out <dir>`: elsewhere, for tests). Packages stay external: they are loaded from
// node_modules as before.
//
// dist/cli/build.json records when the build started and which sources went in; bin/clause-cascade.js uses the
// build only while none of those sources is newer, so an edited checkout falls back to tsx and never runs stale code.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIST = path.join(root, 'dist', 'cli');
export const BUILD_RECORD = path.join(CLI_DIST, 'build.json');

/**
 * Builds into a fresh folder beside `outDir` and swaps it in, so a concurrent start never sees half a build. A test
 * may build elsewhere, as long as it is two folders below the root as dist/cli is.
 */
export async function buildCli(outDir = CLI_DIST) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('esbuild is not installed (production install?): the CLI keeps running through tsx.\n');
    return false;
  }
  const startedAt = Date.now();
  const staging = `${outDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    // Besides the CLI, the scripts it starts in other threads and processes: pipeline/threads/pool.ts and
    // server/jobs/analysis-client.ts find them beside their own chunk.
    entryPoints: {
      main: 'engine/cli/main.ts',
      'thread-worker': 'engine/pipeline/threads/worker.ts',
      'analysis-process': 'engine/server/jobs/analysis-process.ts',
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild's tables do not credit Node with regex property escapes (\p{L}) and would turn every such literal into
    // `new RegExp(...)`, compiled again at each evaluation: an inline /\p{L}/u in a per-character loop cost seconds
    // at 100,000 rows. Node has supported them since version 10.
    supported: { 'regexp-unicode-property-escapes': true },
    packages: 'external',
    // Every file sits two folders below the project root, as the engine's modules do, so `new URL('../../package.json',
    // import.meta.url)` still finds the manifest.
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules'));
  writeFileSync(path.join(staging, 'build.json'), JSON.stringify({ startedAt, inputs: [...inputs, 'package.json'] }));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv.indexOf('--out');
  await buildCli(out > 0 ? path.resolve(process.argv[out + 1]) : CLI_DIST);
}
