/** The VS Code side of settings: reads `clauseCascade.*` (VS Code applies untrusted-workspace restrictions). */
import * as vscode from 'vscode';
import type { Mode } from '../../../engine/config/settings.ts';
import { SECTION } from './contributes.ts';
import { resolveRunInputs, type RunInputs } from './run-settings.ts';

export function workspaceRootFor(uri: vscode.Uri | undefined): string | null {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath ?? null;
}

export function readRunInputs(uri: vscode.Uri | undefined, options: { mode?: Mode; overrides?: Record<string, unknown> } = {}): RunInputs {
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  return resolveRunInputs((name) => config.get(name), { workspaceRoot: workspaceRootFor(uri), ...options });
}

export function configuredMode(uri: vscode.Uri | undefined): string {
  return vscode.workspace.getConfiguration(SECTION, uri).get<string>('mode') ?? 'balanced';
}
