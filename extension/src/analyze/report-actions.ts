/**
 * Opening and revealing the report. On the desktop the .xlsx opens in the system's spreadsheet program; in a browser
 * or remote window (code-server, Codespaces) that is impossible, so the report is revealed in the Explorer, where
 * "Download…" is available. Every outcome is logged, which is also what the end-to-end test checks.
 */
import * as vscode from 'vscode';
import { log } from '../log.ts';

export function canOpenExternally(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
}

export async function openReport(report: vscode.Uri): Promise<void> {
  if (canOpenExternally()) {
    const opened = await vscode.env.openExternal(report).then(
      (ok) => ok,
      () => false,
    );
    if (opened) {
      log().info(`Open Report: opened ${report.fsPath} with the system application.`);
      return;
    }
  }
  log().info(`Open Report: cannot open ${report.fsPath} outside the editor here (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : (vscode.env.remoteName ?? 'desktop')}); revealed it in the Explorer instead.`);
  await revealReport(report);
  void vscode.window.showInformationMessage(`The report ${vscode.workspace.asRelativePath(report)} is selected in the Explorer; use "Download…" or open it with your spreadsheet program.`);
}

export async function revealReport(report: vscode.Uri): Promise<void> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(report) !== undefined;
  if (inWorkspace) {
    await vscode.commands.executeCommand('revealInExplorer', report);
    log().info(`Reveal in Explorer: ${report.fsPath}`);
  } else if (canOpenExternally()) {
    await vscode.commands.executeCommand('revealFileInOS', report);
    log().info(`Reveal in Explorer: ${report.fsPath} is outside the workspace; revealed in the operating system.`);
  } else {
    log().info(`Reveal in Explorer: ${report.fsPath} is outside the workspace.`);
    void vscode.window.showInformationMessage(`Report written to ${report.fsPath}`);
  }
}
