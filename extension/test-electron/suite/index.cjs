// Runs inside VS Code (started by ../run.mjs). No test framework: each test is an async function; the first failure
// rejects run(), which @vscode/test-electron reports as a failed run (exit code 1).
const assert = require('node:assert/strict');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'clause-cascade.clause-cascade-vscode';
const workspace = process.env.CC_TEST_WORKSPACE;

async function waitFor(what, probe, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const tests = {
  async 'activates quickly'() {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed as the development extension`);
    const api = await extension.activate();
    assert.ok(api.activationMs < 50, `activate() took ${api.activationMs} ms`);
  },

  async 'Analyze Policy File writes the report next to a copy of the sample'() {
    const workbook = vscode.Uri.file(path.join(workspace, 'policies.xlsx'));
    await vscode.commands.executeCommand('clauseCascade.analyzePolicyFile', workbook, { mode: 'fast' });
    const report = path.join(workspace, 'policies_clause-cascade.xlsx');
    await waitFor(report, () => existsSync(report));
  },

  async 'the tour notebook runs with the Clause Cascade kernel and saves its outputs'() {
    const file = path.join(workspace, 'experiments', 'cascade-tour.cascade.ipynb');
    if (!existsSync(file)) return;
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'clause-cascade-notebook');
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor, 30000);
    assert.equal(editor.notebook.notebookType, 'clause-cascade-notebook');
    await vscode.commands.executeCommand('clauseCascade.notebook.runAll');
    const code = editor.notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    await waitFor('every code cell to succeed', () => {
      const failed = code.find((c) => c.executionSummary && c.executionSummary.success === false);
      if (failed) throw new Error(`cell ${failed.index + 1} failed`);
      return code.every((c) => c.executionSummary && c.executionSummary.success === true);
    }, 240000);
    await editor.notebook.save();
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    for (const cell of saved.cells.filter((c) => c.cell_type === 'code')) assert.ok(cell.outputs.length > 0, `cell ${cell.id} has outputs`);
  },
};

exports.run = async function run() {
  assert.ok(workspace, 'CC_TEST_WORKSPACE is set by run.mjs');
  for (const [name, test] of Object.entries(tests)) {
    const t0 = Date.now();
    try {
      await test();
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      console.error(`  ✗ ${name}: ${error && error.stack ? error.stack : error}`);
      throw error;
    }
  }
};
