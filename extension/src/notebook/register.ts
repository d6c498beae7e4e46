/**
 * Registers the notebook pieces: the serializer, the kernels (controllers only; the kernel process is forked on the
 * first cell run) and the commands. Nothing here loads the engine beyond the notebook file format.
 */
import * as vscode from 'vscode';
import { newExperimentNotebook, restartKernel, runAll } from './commands.ts';
import { CascadeKernels } from './controller.ts';
import { CascadeNotebookSerializer, NOTEBOOK_TYPE } from './serializer.ts';

export function registerNotebooks(): vscode.Disposable[] {
  let kernels: CascadeKernels | undefined;
  const lazyKernels = () => (kernels ??= new CascadeKernels());
  // Controllers are created now so the kernel picker lists "Clause Cascade" for an open notebook.
  lazyKernels();
  return [
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new CascadeNotebookSerializer(), { transientOutputs: false }),
    vscode.commands.registerCommand('clauseCascade.newExperimentNotebook', (arg?: unknown) => newExperimentNotebook(arg)),
    vscode.commands.registerCommand('clauseCascade.notebook.runAll', () => runAll(lazyKernels())),
    vscode.commands.registerCommand('clauseCascade.notebook.restartKernel', () => restartKernel(lazyKernels())),
    { dispose: () => kernels?.dispose() },
  ];
}
