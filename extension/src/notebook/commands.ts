/** The notebook commands: New Experiment Notebook, Run All, Restart Kernel. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serializeNotebook } from '../../../engine/experiment/notebook.ts';
import { workbookFor } from '../analyze/pick-workbook.ts';
import { SettingsProblem } from '../config/run-settings.ts';
import { readRunInputs } from '../config/workspace-settings.ts';
import type { Mode } from '../../../engine/config/settings.ts';
import type { CascadeKernels } from './controller.ts';
import { NOTEBOOK_TYPE } from './serializer.ts';
import { experimentNotebook } from './template.ts';

const EXTENSION_ID = 'clause-cascade.clause-cascade-vscode';

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** `<workspace>/experiments/<name>.cascade.ipynb` from the template, for the clicked or picked workbook; opened. */
export async function newExperimentNotebook(arg: unknown): Promise<vscode.NotebookEditor | undefined> {
  const workbook = await workbookFor(arg, 'New Experiment Notebook');
  if (!workbook) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(workbook) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Clause Cascade: open a folder first; experiment notebooks go to its experiments/ folder.');
    return undefined;
  }
  const base = path.basename(workbook.fsPath).replace(/\.(xlsx|xls|csv)$/i, '');
  const dir = vscode.Uri.joinPath(folder.uri, 'experiments');
  let target = vscode.Uri.joinPath(dir, `${base}.cascade.ipynb`);
  for (let n = 2; await exists(target); n++) target = vscode.Uri.joinPath(dir, `${base}-${n}.cascade.ipynb`);
  const relative = path.relative(dir.fsPath, workbook.fsPath).split(path.sep).join('/');
  let mode: Mode;
  try {
    mode = readRunInputs(workbook).settings.mode;
  } catch (error) {
    if (!(error instanceof SettingsProblem)) throw error;
    const choice = await vscode.window.showErrorMessage(error.message, 'Open Settings');
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(serializeNotebook(experimentNotebook(base, relative, mode))));
  // By notebook type: the built-in ipynb support also claims *.ipynb, and the kernel must see its own notebook type.
  await vscode.commands.executeCommand('vscode.openWith', target, NOTEBOOK_TYPE);
  return vscode.window.activeNotebookEditor;
}

function activeNotebook(): vscode.NotebookEditor | undefined {
  const editor = vscode.window.activeNotebookEditor;
  if (!editor) void vscode.window.showInformationMessage('Clause Cascade: open an experiment notebook (*.cascade.ipynb) first.');
  return editor;
}

/** Runs every cell of the active notebook with the Clause Cascade kernel. */
export async function runAll(kernels: CascadeKernels): Promise<void> {
  const editor = activeNotebook();
  if (!editor) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Clause Cascade: notebooks run code, so they only run in a trusted workspace.');
    return;
  }
  const controller = kernels.controllerFor(editor.notebook);
  if (controller) await vscode.commands.executeCommand('notebook.selectKernel', { id: controller.id, extension: EXTENSION_ID });
  await vscode.commands.executeCommand('notebook.execute', editor.notebook.uri);
}

export function restartKernel(kernels: CascadeKernels): void {
  const editor = activeNotebook();
  if (!editor) return;
  kernels.restart(editor.notebook);
  void vscode.window.showInformationMessage(`Clause Cascade: kernel restarted for ${path.basename(editor.notebook.uri.fsPath)}; its state is cleared.`);
}

export { NOTEBOOK_TYPE };
