#!/usr/bin/env node
// Builds (production) and packages the extension offline into extension/dist/clause-cascade.vsix with the
// repository's @vscode/vsce. Everything the extension runs is bundled, hence --no-dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(root, '..');
const out = path.join(root, 'dist', 'clause-cascade.vsix');
const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, [path.join(root, 'scripts', 'sync-configuration.mjs'), '--check'], repo);
const vsce = path.join(repo, 'node_modules', '.bin', 'vsce');
// vsce runs the `vscode:prepublish` script first: the production build (scripts/build.mjs --production).
run(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-update-package-json', '--no-rewrite-relative-links', '--no-yarn', '-o', out], root);
if (!existsSync(out)) process.exit(1);
console.log(`packaged ${path.relative(process.cwd(), out)} (${Math.round(statSync(out).size / 1024)} KiB)`);
