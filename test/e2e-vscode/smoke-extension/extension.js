// Minimal CommonJS extension used only by the e2e harness smoke test (test/e2e-vscode/smoke.e2e.test.ts).
// Every effect lands in a file of the workspace folder so the test can assert it from Node.
'use strict';
const vscode = require('vscode');
const fs = require('node:fs');
const path = require('node:path');

function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('Clause Cascade Smoke needs an open folder');
  return path.join(folder.uri.fsPath, name);
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('clauseCascadeSmoke.writeMarker', async () => {
      const greeting = vscode.workspace.getConfiguration('clauseCascadeSmoke').get('greeting');
      fs.writeFileSync(workspaceFile('marker.txt'), `marker ${greeting}\n`);
      const choice = await vscode.window.showInformationMessage('Clause Cascade Smoke: marker written', 'Acknowledge', 'Ignore');
      fs.writeFileSync(workspaceFile('choice.txt'), `${choice ?? 'dismissed'}\n`);
    }),
    vscode.commands.registerCommand('clauseCascadeSmoke.pickFruit', async () => {
      const pick = await vscode.window.showQuickPick(['Apple', 'Banana', 'Cherry'], { placeHolder: 'Pick a fruit' });
      fs.writeFileSync(workspaceFile('fruit.txt'), `${pick ?? 'none'}\n`);
    }),
    vscode.commands.registerCommand('clauseCascadeSmoke.showPanel', () => {
      const panel = vscode.window.createWebviewPanel('clauseCascadeSmoke', 'Smoke Panel', vscode.ViewColumn.One, {
        enableScripts: true,
      });
      panel.webview.html = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';">
</head><body>
<h1 id="smoke-title">Smoke Panel</h1>
<button id="smoke-button">Send</button>
<script>
  const vscode = acquireVsCodeApi();
  document.getElementById('smoke-button').addEventListener('click', () => vscode.postMessage({ kind: 'clicked' }));
</script>
</body></html>`;
      panel.webview.onDidReceiveMessage((message) => {
        fs.writeFileSync(workspaceFile('webview.txt'), `${message.kind}\n`);
      }, undefined, context.subscriptions);
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
