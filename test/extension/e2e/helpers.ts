// Shared pieces of the extension's end-to-end tests: packaging once, workspaces, log files, polling.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { packageExtension, REPO_ROOT, type CodeServerSession } from '../../e2e-vscode/harness.ts';

export const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e-vscode');
export const VSIX = path.join(REPO_ROOT, 'extension', 'dist', 'clause-cascade.vsix');
export const EXTENSION_ID = 'clause-cascade.clause-cascade-vscode';

function newestSource(): number {
  const roots = ['extension/src', 'extension/package.json', 'extension/scripts', 'engine'].map((p) => path.join(REPO_ROOT, p));
  let newest = 0;
  for (const root of roots) {
    const files = statSync(root).isDirectory() ? walk(root) : [root];
    for (const f of files) newest = Math.max(newest, statSync(f).mtimeMs);
  }
  return newest;
}

/**
 * Builds and packages the extension (production bundles) with its own script, once: test files run in parallel
 * processes, so packaging is serialised with a lock folder and an up-to-date .vsix is reused.
 */
export async function packageClauseCascade(): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const lock = path.join(REPO_ROOT, 'extension', '.package.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`packaging lock ${lock} held for 3 minutes; remove it if no test is running`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (existsSync(VSIX) && statSync(VSIX).mtimeMs > newestSource()) return VSIX;
    return buildVsix();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildVsix(): string {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'extension', 'scripts', 'package.mjs')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0 || !existsSync(VSIX)) throw new Error(`packaging failed:\n${result.stdout}\n${result.stderr}`);
  return VSIX;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function walk(dir: string, depth = 0, found: string[] = []): string[] {
  if (depth > 8 || !existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, depth + 1, found);
    else found.push(full);
  }
  return found;
}

/** Text of the "Clause Cascade" log output channel (VS Code writes each log channel to a file under logs/). */
export function clauseCascadeLog(userDataDir: string): string {
  return walk(path.join(userDataDir, 'logs'))
    .filter((f) => /Clause Cascade\.log$/.test(f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The test language pack for Dutch (test/e2e-vscode/language-pack-nl), packaged offline; see its README. */
export function packageDutchLanguagePack(): string {
  return packageExtension(path.join(REPO_ROOT, 'test', 'e2e-vscode', 'language-pack-nl'), path.join(RESULTS, 'language-pack-nl.vsix'));
}

/** A workbook with a header row and no data rows: the report will be empty, and the user must be told so. */
export async function writeHeaderOnlyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Polissen').addRow(['Polisnummer', 'Tekst']);
  await workbook.xlsx.writeFile(file);
}

/** The texts of one display language that the header-only check below needs. */
export interface HeaderOnlyTexts {
  analyzeCommand: string;
  useSettings: string;
  /** the engine's warning in the display language, which the toast leads with */
  warning: RegExp;
  /** the toast's text, from its start */
  toast: RegExp;
  screenshot: string;
}

/** Analyses a header-only workbook of the workspace and checks the warning toast (not the information toast). */
export async function expectHeaderOnlyWarning(vscode: CodeServerSession, workbook: string, texts: HeaderOnlyTexts): Promise<void> {
  await vscode.runCommand(texts.analyzeCommand);
  await vscode.pickQuickItem(workbook);
  await vscode.pickQuickItem(new RegExp(`^${texts.useSettings}`), { filter: texts.useSettings });
  const toast = await vscode.waitForNotification(texts.warning, { timeoutMs: 120_000 });
  expect(await toast.text()).toMatch(texts.toast);
  expect(await toast.locator.locator('.codicon-warning').count()).toBeGreaterThan(0);
  await vscode.screenshot(path.join(RESULTS, texts.screenshot));
}
