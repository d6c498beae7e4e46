// Experiments as tasks in real VS Code (code-server): the task provider offers the workspace's experiments, the
// task runs `node bin/clause-cascade.js experiment run <file>` in a terminal, and "Open Summary" opens summary.md.
//
// The workspace carries a stand-in bin/clause-cascade.js that writes a results folder the way the experiment CLI
// does, so this tests the extension's part. TODO when the repository's CLI gains `experiment run`: add a test that
// runs it on a real experiment config.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodeServer, type CodeServerSession } from '../../e2e-vscode/harness.ts';
import { clauseCascadeLog, packageClauseCascade, RESULTS } from './helpers.ts';

const STAND_IN_CLI = `#!/usr/bin/env node
// Stand-in for the experiment CLI: writes experiments/results/<name>/<timestamp>/summary.md like the real one.
const fs = require('node:fs');
const path = require('node:path');
const [, , command, sub, file] = process.argv;
if (command !== 'experiment' || sub !== 'run') { console.error('usage: experiment run <file>'); process.exit(2); }
const config = JSON.parse(fs.readFileSync(file, 'utf8'));
const dir = path.join('experiments', 'results', config.name, new Date().toISOString().replace(/[:.]/g, '-'));
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'summary.md'), '# Experiment ' + config.name + '\\n\\nSpeedup: 2.0x\\n');
console.log('experiment ' + config.name + ' written to ' + dir);
`;

describe('experiments as tasks in code-server', { timeout: 180_000 }, () => {
  let workspace = '';
  let vscode: CodeServerSession;

  beforeAll(async () => {
    const vsix = await packageClauseCascade();
    workspace = mkdtempSync(path.join(tmpdir(), 'cc-e2e-exp-ws-'));
    mkdirSync(path.join(workspace, 'bin'));
    mkdirSync(path.join(workspace, 'experiments'));
    writeFileSync(path.join(workspace, 'bin', 'clause-cascade.js'), STAND_IN_CLI);
    writeFileSync(path.join(workspace, 'package.json'), '{ "private": true, "type": "commonjs" }\n');
    writeFileSync(path.join(workspace, 'experiments', 'demo.experiment.json'), `${JSON.stringify({ name: 'demo-run', dataset: {}, variants: [] }, null, 2)}\n`);
    vscode = await startCodeServer({ folder: workspace, vsix });
  }, 900_000);

  afterAll(async () => {
    await vscode?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('runs an experiment task and opens its summary', async () => {
    const t = Date.now();
    await vscode.runCommand('Clause Cascade: Run Experiment');
    await vscode.pickQuickItem('experiment demo');
    const toast = await vscode.waitForNotification(/experiment task "experiment demo" finished/, { timeoutMs: 60_000 });
    const runs = readdirSync(path.join(workspace, 'experiments', 'results', 'demo-run'));
    expect(runs.length).toBe(1);
    await toast.clickButton('Open Summary');
    await vscode.page.locator('.tab').filter({ hasText: /summary\.md/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await vscode.screenshot(path.join(RESULTS, 'experiment-summary.png'));
    expect(clauseCascadeLog(vscode.userDataDir)).toMatch(/Experiment task "experiment demo" ended with exit code 0; summary: .*demo-run.*summary\.md/);
    console.log(`experiment task e2e: ${Date.now() - t} ms`);
  });

});
