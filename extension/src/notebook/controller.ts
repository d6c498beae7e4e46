/**
 * The "Clause Cascade" kernel: a NotebookController for `clause-cascade-notebook` and one for plain `.ipynb`
 * (`jupyter-notebook`, from VS Code's built-in ipynb support or the Jupyter extension), which is where a
 * `*.cascade.ipynb` opens unless the user picks "Open With… Clause Cascade Experiment Notebook". Cells
 * run in the notebook's kernel process (kernel-process.ts → kernel-worker.ts → the engine's notebook session), one after the
 * other; a failing cell stops the cells queued after it, as `clause-cascade notebook run` does.
 */
import * as vscode from 'vscode';
import type { NotebookCell } from '../../../engine/experiment/notebook.ts';
import { logAt } from '../log.ts';
import { notebookWorkerScript } from './worker-path.ts';
import { cellToData, dataToCell, outputToData, type CellData } from './cell-data.ts';
import { KernelProcess, type CellResult } from './kernel-process.ts';
import { NOTEBOOK_TYPE, toCellOutput } from './serializer.ts';

export const CONTROLLER_ID = 'clause-cascade-kernel';
export const JUPYTER_CONTROLLER_ID = 'clause-cascade-kernel-jupyter';
const LABEL = 'Clause Cascade';
const CASCADE_NOTEBOOK_SUFFIX = '.cascade.ipynb';

export class CascadeKernels implements vscode.Disposable {
  private readonly kernels = new Map<string, KernelProcess>();
  /** notebooks whose queued cells were cancelled by an interrupt */
  private readonly interrupted = new Set<string>();
  private readonly controllers: vscode.NotebookController[];
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.controllers = [
      this.createController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Runs experiment notebooks with the Clause Cascade engine'),
      this.createController(JUPYTER_CONTROLLER_ID, 'jupyter-notebook', 'JavaScript and experiment config cells with the Clause Cascade engine'),
    ];
    // A *.cascade.ipynb opens in VS Code's own ipynb editor by default (our notebook type is only an "Open With"
    // option, so the two never compete for the file): our kernel is preferred there too.
    const prefer = (doc: vscode.NotebookDocument) => {
      if (doc.notebookType === NOTEBOOK_TYPE || doc.uri.path.endsWith(CASCADE_NOTEBOOK_SUFFIX)) {
        this.controllerFor(doc)?.updateNotebookAffinity(doc, vscode.NotebookControllerAffinity.Preferred);
      }
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.disposables.push(
      vscode.workspace.onDidOpenNotebookDocument(prefer),
      vscode.workspace.onDidCloseNotebookDocument((doc) => this.forget(doc.uri)),
    );
  }

  private createController(id: string, notebookType: string, description: string): vscode.NotebookController {
    const controller = vscode.notebooks.createNotebookController(id, notebookType, LABEL);
    controller.description = description;
    controller.supportedLanguages = ['javascript', 'json'];
    controller.supportsExecutionOrder = true;
    controller.executeHandler = (cells, notebook, self) => this.execute(cells, notebook, self);
    controller.interruptHandler = (notebook) => this.interrupt(notebook);
    return controller;
  }

  controllerFor(notebook: vscode.NotebookDocument): vscode.NotebookController | undefined {
    return this.controllers.find((c) => (notebook.notebookType === NOTEBOOK_TYPE ? c.id === CONTROLLER_ID : c.id === JUPYTER_CONTROLLER_ID));
  }

  /** "Restart Kernel": a new process with empty state for the notebook's next cell. */
  restart(notebook: vscode.NotebookDocument): boolean {
    const kernel = this.kernels.get(notebook.uri.toString());
    kernel?.restart();
    return kernel !== undefined;
  }

  interrupt(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.interrupted.add(key);
    this.kernels.get(key)?.interrupt();
  }

  private kernelFor(notebook: vscode.NotebookDocument): KernelProcess {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      kernel = new KernelProcess(
        notebookWorkerScript(),
        () => ({ notebookFile: notebook.uri.fsPath, devMode: vscode.workspace.getConfiguration('clauseCascade').get<boolean>('devMode', false) }),
        (level, message) => logAt(level, `[notebook ${vscode.workspace.asRelativePath(notebook.uri)}] ${message}`),
      );
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.kernels.get(key)?.dispose();
    this.kernels.delete(key);
  }

  private async execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument, controller: vscode.NotebookController): Promise<void> {
    const key = notebook.uri.toString();
    this.interrupted.delete(key);
    const executions = cells.filter((c) => c.kind === vscode.NotebookCellKind.Code).map((cell) => controller.createNotebookCellExecution(cell));
    if (!vscode.workspace.isTrusted) {
      for (const execution of executions) {
        execution.start(Date.now());
        await execution.replaceOutput(errorOutput('WorkspaceTrust', 'Notebook cells run code: trust this workspace to run them (Workspaces: Manage Workspace Trust).'));
        execution.end(false, Date.now());
      }
      return;
    }
    const kernel = this.kernelFor(notebook);
    let stop = false;
    for (const execution of executions) {
      if (stop || this.interrupted.has(key) || execution.token.isCancellationRequested) {
        execution.end(undefined);
        continue;
      }
      const ok = await this.executeCell(execution, kernel, notebook);
      if (!ok) stop = true;
    }
  }

  private async executeCell(execution: vscode.NotebookCellExecution, kernel: KernelProcess, notebook: vscode.NotebookDocument): Promise<boolean> {
    const cell = execution.cell;
    execution.start(Date.now());
    await execution.clearOutput();
    const ours = notebook.notebookType === NOTEBOOK_TYPE;
    const data: CellData = { kind: cell.kind, value: cell.document.getText(), languageId: cell.document.languageId, metadata: ours ? cell.metadata : {} };
    const source = dataToCell(data, () => undefined);
    let result: CellResult;
    try {
      result = await kernel.execute(source, cell.index);
    } catch (error) {
      result = { type: 'failed', name: 'KernelError', message: (error as Error).message };
    }
    if (result.type !== 'executed') {
      const name = result.type === 'stopped' ? (result.reason === 'crashed' ? 'KernelDied' : 'Interrupted') : result.name;
      const message = result.type === 'stopped' ? result.detail : result.message;
      await execution.replaceOutput(errorOutput(name, message));
      execution.end(false, Date.now());
      logAt('warn', `[notebook ${vscode.workspace.asRelativePath(notebook.uri)}] cell ${cell.index + 1} ${name}: ${message}`);
      return false;
    }
    const executed = result.cell;
    if (typeof executed.execution_count === 'number') execution.executionOrder = executed.execution_count;
    // Also in plain .ipynb: a table's records keep their own mime name, so VS Code shows the table, not its JSON.
    await execution.replaceOutput((executed.outputs ?? []).map((o) => toCellOutput(outputToData(o))));
    execution.end(result.ok, Date.now());
    logAt(
      result.ok ? 'info' : 'warn',
      `[notebook ${vscode.workspace.asRelativePath(notebook.uri)}] cell ${cell.index + 1} [${executed.execution_count}] ${result.ok ? 'ok' : 'failed'} in ${Math.round(result.durationMs)} ms`,
    );
    if (ours) await keepEngineMetadata(notebook, cell, executed);
    return result.ok;
  }

  dispose(): void {
    for (const kernel of this.kernels.values()) kernel.dispose();
    this.kernels.clear();
    for (const c of this.controllers) c.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The engine's cell metadata (execution timestamps) on the VS Code cell, so saving writes what the CLI writes. */
async function keepEngineMetadata(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell, executed: NotebookCell): Promise<void> {
  if (cell.index < 0 || notebook.isClosed) return;
  const metadata = { ...cell.metadata, ...cellToData(executed).metadata };
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, metadata)]);
  await vscode.workspace.applyEdit(edit);
}

function errorOutput(name: string, message: string): vscode.NotebookCellOutput {
  return toCellOutput(outputToData({ output_type: 'error', ename: name, evalue: message, traceback: [`${name}: ${message}`] }));
}
