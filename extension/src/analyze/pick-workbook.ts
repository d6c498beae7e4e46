/** Which workbook to analyse: the clicked file, or a quick pick of workspace workbooks with a "Browse…" entry. */
import * as vscode from 'vscode';

export const WORKBOOK_GLOB = '**/*.{xlsx,xls,csv,XLSX,XLS,CSV}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/*_clause-cascade*.xlsx,**/experiments/results/**}';
const BROWSE = 'Browse…';

export async function pickWorkbook(title: string): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles(WORKBOOK_GLOB, EXCLUDE, 500)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = files.map((uri) => ({
    label: vscode.workspace.asRelativePath(uri, false),
    description: uri.fsPath.endsWith('.csv') ? 'CSV' : 'Excel',
    uri,
  }));
  items.push({ label: BROWSE, description: 'Choose a workbook outside the workspace', alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Policy workbook (.xlsx or .csv)', matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    openLabel: 'Analyze',
    filters: { 'Policy workbooks': ['xlsx', 'xls', 'csv'] },
  });
  return chosen?.[0];
}

/** The command's target: a clicked resource (explorer, editor title), else the active editor's workbook, else a pick. */
export async function workbookFor(arg: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  return pickWorkbook(title);
}
