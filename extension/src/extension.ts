/**
 * Entry point. activate() only registers commands and providers; the engine never loads in the extension host (it
 * runs in a forked worker), and the heavier host modules are bundled but do no work until a command runs.
 */
import * as vscode from 'vscode';
import { analyzePolicyFile, type AnalyzeOptions } from './analyze/command.ts';
import { onExperimentTaskEnd, runExperimentCommand } from './experiments/summary.ts';
import { ExperimentTaskProvider, TASK_TYPE } from './experiments/tasks.ts';
import { getEmbeddingModel, storeModelsIn } from './embeddings/get-model.ts';
import { GET_MODEL_COMMAND } from './embeddings/notice.ts';
import { disposeLog, log } from './log.ts';
import { setExtensionRoot } from './paths.ts';
import { tuneThresholds } from './tuning/command.ts';
import { rememberLabelColumnsIn, TuningSerializer, VIEW_TYPE } from './tuning/panel.ts';
import { registerNotebooks } from './notebook/register.ts';

export let activationMs = 0;

export function activate(context: vscode.ExtensionContext): { activationMs: number } {
  const t0 = performance.now();
  setExtensionRoot(context.extensionPath);
  rememberLabelColumnsIn(context.workspaceState);
  storeModelsIn(context.globalStorageUri);
  context.subscriptions.push(
    vscode.commands.registerCommand('clauseCascade.analyzePolicyFile', (arg?: unknown, options?: AnalyzeOptions) => analyzePolicyFile(arg, options)),
    vscode.commands.registerCommand('clauseCascade.tuneThresholds', (arg?: unknown) => tuneThresholds(arg)),
    vscode.commands.registerCommand('clauseCascade.runExperiment', () => runExperimentCommand()),
    vscode.commands.registerCommand('clauseCascade.showLog', () => log().show()),
    vscode.commands.registerCommand(GET_MODEL_COMMAND, () => getEmbeddingModel()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new TuningSerializer()),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new ExperimentTaskProvider()),
    vscode.tasks.onDidEndTaskProcess((event) => void onExperimentTaskEnd(event)),
    { dispose: disposeLog },
    ...registerNotebooks(),
  );
  activationMs = performance.now() - t0;
  // Logged lazily (creating the channel is not part of activation's cost) and on the console for the e2e test.
  console.log(`[clause-cascade] activate() took ${activationMs.toFixed(2)} ms`);
  setTimeout(() => log().info(`Activated in ${activationMs.toFixed(2)} ms`), 0);
  return { activationMs };
}

export function deactivate(): void {}
