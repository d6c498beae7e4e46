// The Clause Cascade notebook kernel in real VS Code (code-server + Chromium): open the tour notebook, Run All, every
// cell succeeds, a chart renders (screenshot), save → the file holds the outputs, and they match
// `clause-cascade notebook run` on the same notebook apart from timings.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotebook, type Notebook, type NotebookOutput } from '../../../engine/experiment/notebook.ts';
import { REPO_ROOT, startCodeServer, type CodeServerSession } from '../../e2e-vscode/harness.ts';
import { clauseCascadeLog, packageClauseCascade, RESULTS, waitFor } from '../e2e/helpers.ts';

const TOUR = path.join(REPO_ROOT, 'experiments', 'cascade-tour.cascade.ipynb');
const figures: Record<string, unknown> = {};

/** `clause-cascade notebook run` on the original notebook, written to `out`. */
function runCli(out: string): Promise<{ code: number | null; ms: number; output: string }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'clause-cascade.js'), 'notebook', 'run', TOUR, '--out', out], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, ms: Date.now() - t0, output }));
  });
}

/** An output without what differs from run to run: execution counts stay (both number 1…n), timings cells lose their data. */
function comparable(output: NotebookOutput, timings: boolean): unknown {
  if (output.output_type !== 'execute_result' && output.output_type !== 'display_data') return output;
  return { ...output, data: timings ? Object.keys(output.data) : output.data };
}

function codeCells(nb: Notebook) {
  return nb.cells.filter((c) => c.cell_type === 'code');
}

describe('Clause Cascade notebooks in code-server', { timeout: 300_000 }, () => {
  let workspace = '';
  let vscode: CodeServerSession;
  let cli: Promise<{ code: number | null; ms: number; output: string }>;
  const cliOut = path.join(mkdtempSync(path.join(tmpdir(), 'cc-e2e-nb-cli-')), 'tour.out.cascade.ipynb');
  const t0 = Date.now();

  beforeAll(async () => {
    cli = runCli(cliOut); // in parallel with packaging and the VS Code run
    let t = Date.now();
    const vsix = await packageClauseCascade();
    figures.packageMs = Date.now() - t;
    workspace = mkdtempSync(path.join(tmpdir(), 'cc-e2e-nb-ws-'));
    mkdirSync(path.join(workspace, 'experiments'));
    cpSync(TOUR, path.join(workspace, 'experiments', 'cascade-tour.cascade.ipynb'));
    cpSync(path.join(REPO_ROOT, 'fixtures', 'sample'), path.join(workspace, 'fixtures', 'sample'), { recursive: true });
    t = Date.now();
    vscode = await startCodeServer({ folder: workspace, vsix, viewport: { width: 1600, height: 1100 } });
    figures.codeServer = vscode.timings;
  }, 600_000);

  afterAll(async () => {
    await vscode?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    rmSync(path.dirname(cliOut), { recursive: true, force: true });
    figures.totalMs = Date.now() - t0;
    writeFileSync(path.join(RESULTS, 'notebook-e2e-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`notebook e2e figures: ${JSON.stringify(figures)}`);
  });

  it('opens the tour, runs all cells with the Clause Cascade kernel, renders a chart, saves the outputs like the CLI', async () => {
    const page = vscode.page;
    const file = path.join(workspace, 'experiments', 'cascade-tour.cascade.ipynb');
    const original = parseNotebook(readFileSync(file, 'utf8'));
    const codeCount = codeCells(original).length;

    // Open it with Quick Open, as a user would.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('cascade-tour.cascade.ipynb');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.locator('.notebook-editor .cell-list-container').first().waitFor({ state: 'visible', timeout: 60_000 });
    // Code cells are Monaco editors in the page (markdown cells render in the output webview).
    await page.locator('.notebook-editor .view-line').filter({ hasText: 'ctx.file' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    // VS Code's own ipynb editor opens it with no editor-choice prompt (ours is only an "Open With" option).
    await page.waitForTimeout(1500);
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    expect(toasts.filter((t) => /multiple default editors/i.test(t))).toEqual([]);
    await vscode.screenshot(path.join(RESULTS, 'notebook-opened.png'));
    // Reopened with this extension's editor, whose serializer keeps the engine's execution metadata when saving.
    await vscode.runCommand('View: Reopen Editor With...');
    await vscode.pickQuickItem('Clause Cascade Experiment Notebook');
    await page.locator('.notebook-editor .view-line').filter({ hasText: 'ctx.file' }).first().waitFor({ state: 'visible', timeout: 60_000 });

    let t = Date.now();
    await vscode.runCommand('Clause Cascade: Run All');
    const cellLines = (log: string) => [...log.matchAll(/cascade-tour\.cascade\.ipynb\] cell (\d+) \[(\d+)\] (ok|failed) in (\d+) ms/g)];
    const lines = await waitFor(
      `${codeCount} cells to finish`,
      () => {
        const found = cellLines(clauseCascadeLog(vscode.userDataDir));
        const log = clauseCascadeLog(vscode.userDataDir);
        if (found.some((m) => m[3] === 'failed') || /\] cell \d+ (KernelError|KernelDied|Interrupted):/.test(log)) throw new Error(`a cell failed:\n${log}`);
        return found.length >= codeCount ? found : null;
      },
      Number(process.env.NOTEBOOK_E2E_RUN_TIMEOUT_MS ?? 180_000),
      250,
    ).catch(async (error: Error) => {
      await vscode.screenshot(path.join(RESULTS, 'notebook-run-failure.png'));
      error.message += `\n--- Clause Cascade log ---\n${clauseCascadeLog(vscode.userDataDir).slice(-3000)}\n--- extension host ---\n${vscode.extensionHostLog().slice(-3000)}`;
      throw error;
    });
    figures.runAllMs = Date.now() - t;
    figures.cellMs = Object.fromEntries(lines.map((m) => [`cell ${m[1]}`, Number(m[4])]));
    expect(lines.map((m) => Number(m[2]))).toEqual(Array.from({ length: codeCount }, (_, i) => i + 1));

    // Scroll the notebook until the score-distribution chart (rendered by our Vega-Lite renderer) is in view.
    const list = page.locator('.notebook-editor .cell-list-container').first();
    const box = (await list.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const chartFrame = async (): Promise<Frame | undefined> => {
      for (const outer of await page.locator('iframe.webview').elementHandles()) {
        const inner = await (await outer.contentFrame())?.$('iframe#active-frame');
        const frame = inner ? await inner.contentFrame() : null;
        if (frame && (await frame.$('.clause-cascade-chart svg .mark-rect'))) return frame;
      }
      return undefined;
    };
    t = Date.now();
    let frame: Frame | undefined;
    for (let i = 0; i < 80 && !frame; i++) {
      frame = await chartFrame();
      if (!frame) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(250);
      }
    }
    if (!frame) throw new Error('no rendered Vega-Lite chart found in the notebook outputs');
    const chart = frame.locator('.clause-cascade-chart', { has: frame.locator('svg .mark-rect') }).first();
    for (let i = 0; i < 20; i++) {
      const b = await chart.boundingBox();
      if (!b) break;
      const delta = b.y - (box.y + 40);
      if (Math.abs(delta) < 60) break;
      await page.mouse.wheel(0, delta);
      await page.waitForTimeout(300);
    }
    figures.findChartMs = Date.now() - t;
    await page.waitForTimeout(500);
    await vscode.screenshot(path.join(RESULTS, 'notebook.png'));
    expect(await chart.locator('svg .mark-rect path').count()).toBeGreaterThan(0);
    // Rendered by vega-embed in the page, not the SVG fallback image.
    expect(await frame.locator('img[src^="data:image/svg"]').count()).toBe(0);
    // Cells in view show success in their status bar.
    expect(await page.locator('.notebook-editor .codicon-notebook-state-success').count()).toBeGreaterThan(0);
    expect(await page.locator('.notebook-editor .codicon-notebook-state-error').count()).toBe(0);

    // Tables carry the theme styling of the table-style renderer.
    expect(await frame.locator('.clause-cascade-table table').count()).toBeGreaterThan(0);

    // Save, then read the file from disk: every code cell has its outputs.
    t = Date.now();
    await list.click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+S');
    const saved = await waitFor(
      'the saved notebook with outputs',
      () => {
        const nb = parseNotebook(readFileSync(file, 'utf8'));
        return codeCells(nb).every((c) => (c.outputs ?? []).length > 0 && typeof c.execution_count === 'number') ? nb : null;
      },
      30_000,
    );
    figures.saveMs = Date.now() - t;
    expect(saved.cells.map((c) => c.id)).toEqual(original.cells.map((c) => c.id));
    expect(saved.metadata).toEqual(original.metadata);
    for (const cell of codeCells(saved)) expect(cell.outputs!.some((o) => o.output_type === 'error'), String(cell.id)).toBe(false);
    expect(codeCells(saved).map((c) => c.execution_count)).toEqual(Array.from({ length: codeCount }, (_, i) => i + 1));
    expect(codeCells(saved).every((c) => typeof (c.metadata.execution as Record<string, string>)?.['shell.execute_reply'] === 'string')).toBe(true);

    // The CLI on the same notebook: the same output cells (mime types and data), apart from the timings cell.
    const run = await cli;
    figures.cliMs = run.ms;
    expect(run.code, run.output).toBe(0);
    const headless = parseNotebook(readFileSync(cliOut, 'utf8'));
    const compared: Record<string, string> = {};
    for (const [i, cell] of codeCells(headless).entries()) {
      const mine = codeCells(saved)[i]!;
      expect(mine.id).toBe(cell.id);
      const timings = ((cell.metadata.tags as string[] | undefined) ?? []).includes('timings');
      expect(mine.outputs!.map((o) => comparable(o, timings)), `cell ${cell.id}`).toEqual(cell.outputs!.map((o) => comparable(o, timings)));
      compared[String(cell.id)] = `${timings ? 'mime types' : 'identical'}: ${cell.outputs!.map((o) => ('data' in o ? Object.keys(o.data).join('+') : o.output_type)).join(', ')}`;
    }
    figures.comparedWithCli = compared;
    writeFileSync(path.join(RESULTS, 'notebook-saved.cascade.ipynb'), readFileSync(file));
    expect(existsSync(path.join(RESULTS, 'notebook.png'))).toBe(true);
  });

  it('creates a notebook for a workbook from the template ("New Experiment Notebook") and runs it', async () => {
    const t = Date.now();
    await vscode.runCommand('Clause Cascade: New Experiment Notebook');
    await vscode.pickQuickItem('fixtures/sample/policies.xlsx', { filter: 'policies.xlsx' });
    const file = path.join(workspace, 'experiments', 'policies.cascade.ipynb');
    await waitFor('experiments/policies.cascade.ipynb', () => existsSync(file), 15_000);
    await vscode.page.locator('.notebook-editor .view-line').filter({ hasText: 'ctx.run' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const created = parseNotebook(readFileSync(file, 'utf8'));
    expect(created.cells.map((c) => c.cell_type)).toEqual(['markdown', 'code', 'code', 'code', 'code']);
    await vscode.runCommand('Clause Cascade: Run All');
    const count = codeCells(created).length;
    const done = await waitFor(
      `${count} template cells`,
      () => {
        const log = clauseCascadeLog(vscode.userDataDir);
        const found = [...log.matchAll(/policies\.cascade\.ipynb\] cell (\d+) \[(\d+)\] (ok|failed)/g)];
        if (found.some((m) => m[3] === 'failed') || /policies\.cascade\.ipynb\] cell \d+ (KernelError|KernelDied|Interrupted):/.test(log)) throw new Error(`a template cell failed:\n${log}`);
        return found.length >= count ? found : null;
      },
      120_000,
      250,
    );
    figures.templateRunMs = Date.now() - t;
    expect(done.map((m) => m[2])).toEqual(['1', '2', '3', '4']);
    await vscode.screenshot(path.join(RESULTS, 'notebook-template.png'));
    // Saved by our serializer (opened as a Clause Cascade notebook, not as a plain .ipynb): the engine's execution
    // metadata and the table's JSON records under application/json are in the file.
    await vscode.page.keyboard.press('Control+S');
    const saved = await waitFor('the saved template notebook', () => {
      const nb = parseNotebook(readFileSync(file, 'utf8'));
      return codeCells(nb).every((c) => (c.outputs ?? []).length > 0) ? nb : null;
    }, 30_000);
    expect(codeCells(saved).every((c) => c.metadata.execution !== undefined)).toBe(true);
    const table = codeCells(saved)[1]!.outputs!.find((o) => o.output_type === 'execute_result') as { data: Record<string, unknown> };
    expect(Object.keys(table.data)).toEqual(['text/html', 'application/json', 'text/plain']);
  });
});
