#!/usr/bin/env node
// The extension in VS Code desktop via @vscode/test-electron: downloads VS Code (stable, or CC_VSCODE_VERSION),
// starts it with this extension as the development extension on a temp copy of the sample workbook and the tour
// notebook, and runs suite/index.cjs inside it. Needs network access for the download, so it is not part of
// `npm test` (which proves the extension in code-server instead). Usage: node extension/test-electron/run.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionRoot = path.resolve(here, '..');
const repo = path.resolve(extensionRoot, '..');

// The development extension runs from extension/dist: the same production bundles the .vsix holds.
const built = spawnSync(process.execPath, [path.join(extensionRoot, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const workspace = mkdtempSync(path.join(tmpdir(), 'cc-test-electron-'));
cpSync(path.join(repo, 'fixtures', 'sample', 'policies.xlsx'), path.join(workspace, 'policies.xlsx'));
const tour = path.join(repo, 'experiments', 'cascade-tour.cascade.ipynb');
if (existsSync(tour)) {
  mkdirSync(path.join(workspace, 'experiments'));
  cpSync(tour, path.join(workspace, 'experiments', 'cascade-tour.cascade.ipynb'));
  cpSync(path.join(repo, 'fixtures', 'sample'), path.join(workspace, 'fixtures', 'sample'), { recursive: true });
}

try {
  await runTests({
    ...(process.env.CC_VSCODE_VERSION ? { version: process.env.CC_VSCODE_VERSION } : {}),
    extensionDevelopmentPath: extensionRoot,
    extensionTestsPath: path.join(here, 'suite', 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { CC_TEST_WORKSPACE: workspace },
  });
  console.log('test-electron: all tests passed');
} catch (error) {
  console.error(`test-electron: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
