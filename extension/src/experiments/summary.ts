/** After an experiment task: "Open Summary" opens the newest experiments/results/<name>/<run>/summary.md. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../log.ts';
import { ALL, TASK_TYPE, type ExperimentTaskDefinition } from './tasks.ts';

/** The experiment's results folder name: the config's `name`, else the file name without `.experiment.json`. */
export function experimentName(root: string, experiment: string): string {
  try {
    const config = JSON.parse(readFileSync(path.resolve(root, experiment), 'utf8')) as { name?: unknown };
    if (typeof config.name === 'string' && config.name !== '') return config.name;
  } catch {
    /* fall back to the file name */
  }
  return path.basename(experiment).replace(/\.experiment\.json$/, '');
}

/** The most recently written summary.md under the given results folders. */
export function newestSummary(resultDirs: string[]): string | null {
  let best: { file: string; mtime: number } | null = null;
  for (const dir of resultDirs) {
    if (!existsSync(dir)) continue;
    for (const run of readdirSync(dir)) {
      const file = path.join(dir, run, 'summary.md');
      if (!existsSync(file)) continue;
      const mtime = statSync(file).mtimeMs;
      if (!best || mtime > best.mtime) best = { file, mtime };
    }
  }
  return best?.file ?? null;
}

export async function onExperimentTaskEnd(event: vscode.TaskProcessEndEvent): Promise<void> {
  const task = event.execution.task;
  if (task.definition.type !== TASK_TYPE) return;
  const definition = task.definition as ExperimentTaskDefinition;
  const folder = task.scope && typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder).uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return;
  const results = path.join(folder, 'experiments', 'results');
  const dirs =
    definition.experiment === ALL
      ? existsSync(results)
        ? readdirSync(results).map((d) => path.join(results, d))
        : []
      : [path.join(results, experimentName(folder, definition.experiment))];
  const summary = newestSummary(dirs);
  log().info(`Experiment task "${task.name}" ended with exit code ${event.exitCode}; summary: ${summary ?? 'none found'}`);
  if (event.exitCode !== 0) {
    void vscode.window.showErrorMessage(`Clause Cascade: experiment task "${task.name}" failed (exit code ${event.exitCode}). See the terminal.`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(`Clause Cascade: experiment task "${task.name}" finished.`, ...(summary ? ['Open Summary'] : []));
  if (choice === 'Open Summary' && summary) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(summary)).then(undefined, () => vscode.window.showTextDocument(vscode.Uri.file(summary)));
}

/** "Clause Cascade: Run Experiment": pick one of the provided tasks and run it. */
export async function runExperimentCommand(): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Clause Cascade: experiments run code from the workspace; trust the workspace first.');
    return;
  }
  const tasks = await vscode.tasks.fetchTasks({ type: TASK_TYPE });
  if (tasks.length === 0) {
    void vscode.window.showInformationMessage('Clause Cascade: no experiments/*.experiment.json in this workspace.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    tasks.map((task) => ({ label: task.name, task })),
    { title: 'Clause Cascade: Run Experiment' },
  );
  if (picked) await vscode.tasks.executeTask(picked.task);
}
