/**
 * Experiments as tasks: a TaskProvider of type `clause-cascade` offering one task per `experiments/*.experiment.json`
 * and one "run all experiments" task, each running the repository's CLI in the terminal. Tasks run code from the
 * workspace, so VS Code only offers them in trusted workspaces.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const TASK_TYPE = 'clause-cascade';
export const ALL = 'all';

export interface ExperimentTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  experiment: string;
}

/** The shell command of one task: `node bin/clause-cascade.js experiment run <file>` (or `--all`). */
export function experimentCommand(experiment: string): { command: string; args: string[] } {
  return experiment === ALL
    ? { command: 'node', args: ['bin/clause-cascade.js', 'experiment', 'run', '--all'] }
    : { command: 'node', args: ['bin/clause-cascade.js', 'experiment', 'run', experiment] };
}

export function taskLabel(experiment: string): string {
  return experiment === ALL ? 'run all experiments' : `experiment ${path.basename(experiment).replace(/\.experiment\.json$/, '')}`;
}

function buildTask(folder: vscode.WorkspaceFolder, definition: ExperimentTaskDefinition): vscode.Task {
  const { command, args } = experimentCommand(definition.experiment);
  const task = new vscode.Task(definition, folder, taskLabel(definition.experiment), 'clause-cascade', new vscode.ShellExecution(command, args, { cwd: folder.uri.fsPath }), []);
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

export class ExperimentTaskProvider implements vscode.TaskProvider {
  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, 'experiments/*.experiment.json'));
      const relative = files.map((f) => path.relative(folder.uri.fsPath, f.fsPath).split(path.sep).join('/')).sort();
      for (const experiment of relative) tasks.push(buildTask(folder, { type: TASK_TYPE, experiment }));
      if (relative.length > 0) tasks.push(buildTask(folder, { type: TASK_TYPE, experiment: ALL }));
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as ExperimentTaskDefinition;
    if (typeof definition.experiment !== 'string' || !(task.scope && typeof task.scope === 'object')) return undefined;
    return buildTask(task.scope as vscode.WorkspaceFolder, definition);
  }
}
