// The repository as a user opens it in real VS Code (code-server): every task of .vscode/tasks.json runs to exit 0
// and writes its results, "Run Experiment" runs the real experiment CLI and opens its summary, and the tour notebook
// opens without an editor-choice prompt or a Problems entry from our manifest.
//
// The workspace is the repository seen through symlinks, with the repository's own .vscode/tasks.json and the tour
// notebook copied, and experiments/ holding small configs under the names the tasks use, so each experiment task
// takes seconds instead of minutes.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageExtension, REPO_ROOT, startCodeServer, type CodeServerSession } from '../../e2e-vscode/harness.ts';
import { clauseCascadeLog, packageClauseCascade, RESULTS, waitFor } from './helpers.ts';

const TOUR = 'cascade-tour.cascade.ipynb';

/** Small stand-ins for the experiments the tasks name: same schema, 120 generated rows, one repeat. */
function smallExperiment(name: string): string {
  const config = {
    name,
    dataset: { generate: { rows: 120, seed: 42, style: 'seed' } },
    settings: { mode: 'fast' },
    variants: [{ name: 'lossless', settings: { policy: 'lossless' } }],
    repeats: 1,
    warmup: false,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function repositoryWorkspace(): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'cc-e2e-tasks-ws-'));
  for (const entry of readdirSync(REPO_ROOT)) {
    if (['.git', '.vscode', 'experiments', 'test-results'].includes(entry)) continue;
    symlinkSync(path.join(REPO_ROOT, entry), path.join(workspace, entry));
  }
  mkdirSync(path.join(workspace, '.vscode'));
  copyFileSync(path.join(REPO_ROOT, '.vscode', 'tasks.json'), path.join(workspace, '.vscode', 'tasks.json'));
  mkdirSync(path.join(workspace, 'experiments'));
  copyFileSync(path.join(REPO_ROOT, 'experiments', TOUR), path.join(workspace, 'experiments', TOUR));
  for (const task of taskDefinitions()) {
    const file = task.experiment;
    if (file && file !== 'all') writeFileSync(path.join(workspace, file), smallExperiment(path.basename(file, '.experiment.json')));
  }
  return workspace;
}

interface TaskDefinition {
  label: string;
  type: string;
  experiment?: string;
  isBackground?: boolean;
}

function taskDefinitions(): TaskDefinition[] {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, '.vscode', 'tasks.json'), 'utf8')) as { tasks: TaskDefinition[] }).tasks;
}

interface TaskEnd {
  label: string;
  exitCode: number | null;
  stillRunning?: boolean;
  ms: number;
}

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const resultFolders = (workspace: string, name: string) => {
  const dir = path.join(workspace, 'experiments', 'results', name);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('the repository opened in code-server', { timeout: 900_000 }, () => {
  let workspace = '';
  let vscode: CodeServerSession;

  beforeAll(async () => {
    const vsix = await packageClauseCascade();
    const probe = packageExtension(path.join(REPO_ROOT, 'test', 'e2e-vscode', 'task-probe'), path.join(RESULTS, 'task-probe.vsix'));
    workspace = repositoryWorkspace();
    vscode = await startCodeServer({ folder: workspace, vsix: [vsix, probe] });
  }, 900_000);

  afterAll(async () => {
    await vscode?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('runs an experiment task with the real CLI and opens its summary', async () => {
    const t = Date.now();
    await vscode.runCommand('Clause Cascade: Run Experiment');
    await vscode.pickQuickItem('experiment seed-vs-lossless');
    const toast = await vscode.waitForNotification(/experiment task "experiment seed-vs-lossless" finished/, { timeoutMs: 120_000 });
    expect(resultFolders(workspace, 'seed-vs-lossless')).toHaveLength(1);
    await toast.clickButton('Open Summary');
    await vscode.page.locator('.tab').filter({ hasText: /summary\.md/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await vscode.screenshot(path.join(RESULTS, 'experiment-summary.png'));
    expect(clauseCascadeLog(vscode.userDataDir)).toMatch(/Experiment task "experiment seed-vs-lossless" ended with exit code 0; summary: .*seed-vs-lossless.*summary\.md/);
    console.log(`experiment task e2e: ${Date.now() - t} ms`);
  });

  it('runs every task of .vscode/tasks.json to exit 0, each writing its results', async () => {
    const t = Date.now();
    const bundle = path.join(REPO_ROOT, 'extension', 'dist', 'extension.js');
    const packaged = path.join(REPO_ROOT, 'extension', 'dist', 'clause-cascade.vsix');
    const before = { bundle: mtime(bundle), packaged: mtime(packaged), runs: resultFolders(workspace, 'seed-vs-lossless').length };
    await vscode.runCommand('Task Probe: Run Workspace Tasks');
    const report = path.join(workspace, 'task-probe.json');
    const { results } = await waitFor(
      'every task to end',
      () => {
        const parsed = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { done?: boolean; results: TaskEnd[] }) : null;
        return parsed?.done ? parsed : null;
      },
      840_000,
      1000,
    );
    await vscode.screenshot(path.join(RESULTS, 'tasks-all-run.png'));
    console.log(`tasks: ${results.map((r) => `${r.label} ${r.stillRunning ? 'running (background)' : `exit ${r.exitCode}`} ${r.ms} ms`).join('; ')}; total ${Date.now() - t} ms`);
    expect(results.map((r) => r.label).sort()).toEqual(taskDefinitions().map((d) => d.label).sort());
    for (const r of results) {
      const definition = taskDefinitions().find((d) => d.label === r.label)!;
      if (definition.isBackground) expect(r, r.label).toMatchObject({ stillRunning: true });
      else expect(r.exitCode, r.label).toBe(0);
    }
    expect(mtime(bundle)).toBeGreaterThan(before.bundle);
    expect(mtime(packaged)).toBeGreaterThan(before.packaged);
    // "experiment seed-vs-lossless" and "run all experiments" each wrote a results folder of it
    expect(resultFolders(workspace, 'seed-vs-lossless').length).toBe(before.runs + 2);
  });

  it('opens the tour notebook without an editor-choice prompt, and the Problems panel stays empty', async () => {
    await vscode.runCommand('Go to File...');
    await vscode.pickQuickItem(TOUR, { filter: TOUR });
    await vscode.page.locator('.tab').filter({ hasText: TOUR }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await vscode.page.locator('.notebook-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
    await vscode.page.waitForTimeout(3000); // a prompt or the cells' language checks come after the editor shows
    await vscode.screenshot(path.join(RESULTS, 'tour-notebook.png'));
    await vscode.runCommand('Go to File...');
    await vscode.pickQuickItem('package.json', { filter: 'extension/package.json' });
    await vscode.page.waitForTimeout(5000); // VS Code's manifest checks run once the document is open
    await vscode.screenshot(path.join(RESULTS, 'tour-manifest-opened.png'));
    const toasts = await vscode.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    expect(toasts.filter((text) => /multiple default editors/i.test(text))).toEqual([]);
    await vscode.runCommand('Task Probe: Record Problems');
    const problems = await waitFor('problems.json', () => (existsSync(path.join(workspace, 'problems.json')) ? readFileSync(path.join(workspace, 'problems.json'), 'utf8') : null));
    const entries = JSON.parse(problems) as { file: string; messages: string[] }[];
    // nothing at all: our manifest, the tour, and the test extensions' manifests VS Code lints in the repository too
    expect(entries).toEqual([]);
  });
});
