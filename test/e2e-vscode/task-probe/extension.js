// Test-only extension for test/extension/e2e/tasks.e2e.test.ts. VS Code tells an extension a task's exit code
// (onDidEndTaskProcess) but shows it to a user only as terminal text, so this probe runs the workspace's tasks one by
// one through VS Code's task system and writes how each ended to task-probe.json in the workspace folder.
'use strict';
const vscode = require('vscode');
const fs = require('node:fs');
const path = require('node:path');

/** A background task (a watcher) never ends by itself: it passes when it is still running after this long. */
const BACKGROUND_GRACE_MS = 20_000;
const TASK_TIMEOUT_MS = 240_000;

function workspaceFile(name) {
  return path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, name);
}

function runOne(task) {
  const started = Date.now();
  return new Promise((resolve) => {
    let execution;
    let timer;
    const done = (result) => {
      clearTimeout(timer);
      listener.dispose();
      resolve({ label: task.name, source: task.source, background: task.isBackground, ms: Date.now() - started, ...result });
    };
    const listener = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === execution || e.execution.task.name === task.name) done({ exitCode: e.exitCode ?? null });
    });
    timer = setTimeout(() => {
      execution?.terminate();
      done(task.isBackground ? { exitCode: null, stillRunning: true } : { exitCode: null, timedOut: true });
    }, task.isBackground ? BACKGROUND_GRACE_MS : TASK_TIMEOUT_MS);
    vscode.tasks.executeTask(task).then(
      (e) => (execution = e),
      (error) => done({ exitCode: null, error: String(error) }),
    );
  });
}

async function runWorkspaceTasks() {
  const tasks = (await vscode.tasks.fetchTasks()).filter((t) => t.source === 'Workspace');
  const results = [];
  for (const task of tasks) {
    results.push(await runOne(task));
    fs.writeFileSync(workspaceFile('task-probe.json'), JSON.stringify(results, null, 2));
  }
  fs.writeFileSync(workspaceFile('task-probe.json'), JSON.stringify({ done: true, results }, null, 2));
}

/** Every diagnostic VS Code holds for a file of the workspace (what the Problems panel lists). */
function recordProblems() {
  const root = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const problems = vscode.languages
    .getDiagnostics()
    .filter(([uri, list]) => uri.fsPath.startsWith(root) && list.length > 0)
    .map(([uri, list]) => ({ file: path.relative(root, uri.fsPath), messages: list.map((d) => `${d.source ?? ''}: ${d.message}`) }));
  fs.writeFileSync(workspaceFile('problems.json'), JSON.stringify(problems, null, 2));
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('clauseCascadeTaskProbe.runWorkspaceTasks', runWorkspaceTasks),
    vscode.commands.registerCommand('clauseCascadeTaskProbe.recordProblems', recordProblems),
  );
}

module.exports = { activate, deactivate() {} };
