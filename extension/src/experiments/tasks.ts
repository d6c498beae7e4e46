/**
 * Experiments as tasks: a TaskProvider of type `clause-cascade` offering the tasks of task-definitions.ts, each
 * running the repository's CLI in the terminal. Tasks run code from the workspace, so VS Code only offers them in
 * trusted workspaces.
 */
import * as vscode from 'vscode';
import { experimentCommand, experimentTaskFields, taskLabel, type ExperimentTaskFields } from './task-definitions.ts';

export { ALL, TASK_TYPE } from './task-definitions.ts';

export type ExperimentTaskDefinition = vscode.TaskDefinition & ExperimentTaskFields;

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
      if (folder.uri.scheme !== 'file') continue;
      for (const fields of await experimentTaskFields(folder.uri.fsPath)) tasks.push(buildTask(folder, { ...fields }));
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as ExperimentTaskDefinition;
    if (typeof definition.experiment !== 'string' || !(task.scope && typeof task.scope === 'object')) return undefined;
    return buildTask(task.scope as vscode.WorkspaceFolder, definition);
  }
}
