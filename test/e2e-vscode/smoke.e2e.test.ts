// Smoke test of the e2e tooling itself: a throw-away extension in real VS Code (code-server) driven by Chromium.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTooling, HARNESS_DIR, isToolingReady, packageExtension, REPO_ROOT, startCodeServer, type CodeServerSession } from './harness.ts';

const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e-vscode');
const SETUP_TIMEOUT = 15 * 60_000; // first setup installs apt packages, Node 24 and code-server (a few minutes)

async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text.endsWith('\n')) return text.trim();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`file did not appear within ${timeoutMs} ms: ${file}`);
}

describe('e2e harness smoke (code-server + Chromium)', { timeout: 120_000 }, () => {
  const timings: Record<string, number | boolean> = {};
  let workspace = '';
  let vscode: CodeServerSession | undefined;
  const t0 = Date.now();

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    timings.toolingWasCached = isToolingReady();
    let t = Date.now();
    ensureTooling();
    timings.ensureToolingMs = Date.now() - t;

    t = Date.now();
    const vsix = packageExtension(path.join(HARNESS_DIR, 'smoke-extension'), path.join(RESULTS, 'smoke-extension.vsix'));
    timings.packageMs = Date.now() - t;

    workspace = mkdtempSync(path.join(tmpdir(), 'cc-e2e-smoke-ws-'));
    writeFileSync(path.join(workspace, 'README.txt'), 'Workspace of the e2e smoke test.\n');
    vscode = await startCodeServer({ folder: workspace, vsix, settings: { 'clauseCascadeSmoke.greeting': 'from-settings' } });
    Object.assign(timings, vscode.timings);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await vscode?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    timings.totalTestMs = Date.now() - t0;
    writeFileSync(path.join(RESULTS, 'smoke-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log(`e2e smoke timings: ${JSON.stringify(timings)}`);
  });

  it('runs a palette command that writes a file and shows a notification with buttons', async () => {
    const session = vscode!;
    await session.runCommand('Clause Cascade Smoke: Write Marker');
    expect(await waitForFile(path.join(workspace, 'marker.txt'))).toBe('marker from-settings');

    const toast = await session.waitForNotification(/marker written/);
    expect(await toast.text()).toBe('Clause Cascade Smoke: marker written');
    await session.screenshot(path.join(RESULTS, 'smoke.png'));

    await toast.clickButton('Acknowledge');
    expect(await waitForFile(path.join(workspace, 'choice.txt'))).toBe('Acknowledge');
  });

  it('picks an item in a quick pick', async () => {
    const session = vscode!;
    await session.runCommand('Clause Cascade Smoke: Pick Fruit');
    await session.pickQuickItem('Banana');
    expect(await waitForFile(path.join(workspace, 'fruit.txt'))).toBe('Banana');
  });

  it('finds a webview frame and talks to the extension from it', async () => {
    const session = vscode!;
    await session.runCommand('Clause Cascade Smoke: Show Panel');
    const frame = await session.webviewFrame({ contains: '#smoke-title', extensionId: 'clause-cascade-test.clause-cascade-e2e-smoke' });
    expect(await frame.locator('#smoke-title').textContent()).toBe('Smoke Panel');
    await frame.locator('#smoke-button').click();
    expect(await waitForFile(path.join(workspace, 'webview.txt'))).toBe('clicked');
    await session.screenshot(path.join(RESULTS, 'smoke-webview.png'));
  });
});
