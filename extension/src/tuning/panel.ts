/**
 * Host side of the threshold-tuning view: one panel per workbook, the pair values computed once in the worker and
 * cached per workbook content + shaping settings, and the view's requests (save, run) carried out here.
 */
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECTION } from '../config/contributes.ts';
import { readRunInputs } from '../config/workspace-settings.ts';
import { SettingsProblem } from '../config/run-settings.ts';
import { log, logAt } from '../log.ts';
import { webviewRoot, workerScript } from '../paths.ts';
import { startJob } from '../worker/client.ts';
import { memoryPlan } from '../worker/memory.ts';
import type { TuningJob } from './protocol.ts';
import { GET_MODEL_COMMAND } from '../embeddings/notice.ts';
import { tuningKey } from './cache-key.ts';
import { tuningHtml } from './html.ts';
import { RecentCache } from './recent-cache.ts';
import { isFromWebview, type FromWebview, type ToWebview, type TuningData, type TuningParams } from './protocol.ts';
import { paramsToSettings } from './settings-map.ts';

export const VIEW_TYPE = 'clauseCascade.tuning';
/** Rows analysed for the view: enough to be representative, few enough for ~100 ms updates. */
export const TUNING_MAX_ROWS = 2000;

/** Pair values of the workbooks tuned most recently: each holds up to TUNING_MAX_ROWS rows' pairs, so few are kept. */
const cache = new RecentCache<string, TuningData>(4);
const panels = new Map<string, TuningPanel>();
/** Workspace state: the label column picked per workbook, so the view opens with it next time. */
let labelMemory: vscode.Memento | undefined;
const labelKey = (file: vscode.Uri) => `tuning.labelColumn:${file.fsPath}`;

export function rememberLabelColumnsIn(memento: vscode.Memento): void {
  labelMemory = memento;
}

/** The remembered label column if the workbook still has it (null: the user chose none), else the suggested one. */
function labelColumnFor(file: vscode.Uri, data: TuningData): string | null {
  const remembered = labelMemory?.get<string | null>(labelKey(file));
  if (remembered === null) return null;
  if (remembered !== undefined && data.columns.includes(remembered)) return remembered;
  return data.suggestedLabelColumn;
}

export interface TuningState {
  file: string;
  params?: TuningParams;
}

export class TuningPanel {
  private data: TuningData | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  static show(file: vscode.Uri): void {
    const existing = panels.get(file.fsPath);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Tune: {0}', path.basename(file.fsPath)), vscode.ViewColumn.Active, TuningPanel.options());
    new TuningPanel(panel, file);
  }

  static options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.file(webviewRoot())] };
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly file: vscode.Uri,
  ) {
    panels.set(file.fsPath, this);
    const webview = panel.webview;
    webview.options = TuningPanel.options();
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.file(path.join(webviewRoot(), name)));
    webview.html = tuningHtml(webview, asset('tuning.js'), asset('tuning.css'), panel.title, vscode.env.language, vscode.l10n.bundle);
    panel.iconPath = undefined;
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        if (!isFromWebview(raw)) {
          log().warn(`Tuning view: ignored an invalid message ${JSON.stringify(raw).slice(0, 200)}`);
          return;
        }
        void this.handle(raw);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.load();
        return;
      case 'metrics':
        log().info(`Tuning view: update took ${message.updateMs.toFixed(1)} ms (${message.changedPairs} pair decisions changed vs baseline)`);
        return;
      case 'getModel':
        await vscode.commands.executeCommand(GET_MODEL_COMMAND);
        return;
      case 'labelColumn':
        await labelMemory?.update(labelKey(this.file), message.column);
        log().info(`Tuning view: label column of ${path.basename(this.file.fsPath)} is ${message.column === null ? 'none' : JSON.stringify(message.column)}`);
        return;
      case 'save':
        await this.save(message.params);
        return;
      case 'runAnalysis':
        if (!this.data) return;
        await vscode.commands.executeCommand('clauseCascade.analyzePolicyFile', this.file, {
          mode: 'settings',
          overrides: paramsToSettings(message.params, this.data.mode, this.data.signals),
        });
        return;
    }
  }

  private async load(): Promise<void> {
    const name = path.basename(this.file.fsPath);
    let job: TuningJob;
    try {
      const inputs = readRunInputs(this.file);
      job = { policyFile: this.file.fsPath, settings: inputs.settings, maxRows: TUNING_MAX_ROWS };
    } catch (error) {
      this.post({ type: 'error', message: error instanceof SettingsProblem ? error.message : String(error) });
      return;
    }
    const key = await tuningKey(job);
    let data = cache.get(key);
    if (!data) {
      this.post({ type: 'loading', file: name, message: vscode.l10n.t('Scoring candidate pairs of {0} with the full policy…', name) });
      const t0 = Date.now();
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Clause Cascade: scoring pairs of {0}', name) },
        () => startJob(workerScript(), { type: 'tuning', job }, { onLog: logAt, heapMb: memoryPlan(this.file.fsPath, statSync(this.file.fsPath).size, os.totalmem()).heapMb }).result,
      );
      if (result.type !== 'tuningData') {
        const message = result.type === 'failed' ? result.error.message : vscode.l10n.t('Cancelled.');
        log().error(`Tuning view: ${message}`);
        this.post({ type: 'error', message });
        return;
      }
      data = result.data;
      cache.set(key, data);
      log().info(`Tuning view: ${data.pairs.length} pairs (${data.comparedPairs} compared) of ${data.rows.length} rows scored in ${Date.now() - t0} ms`);
    }
    this.data = data;
    this.post({ type: 'data', data, params: data.baseline, labelColumn: labelColumnFor(this.file, data) });
  }

  private async save(params: TuningParams): Promise<void> {
    if (!this.data) return;
    const config = vscode.workspace.getConfiguration(SECTION, this.file);
    const values = paramsToSettings(params, this.data.mode, this.data.signals);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    for (const [name, value] of Object.entries(values)) await config.update(name, value, target);
    const where = target === vscode.ConfigurationTarget.Workspace ? vscode.l10n.t('workspace settings (.vscode/settings.json)') : vscode.l10n.t('user settings');
    log().info(`Tuning view: saved ${Object.keys(values).length} settings to the ${where}: ${JSON.stringify(values)}`);
    this.post({ type: 'saved', target: where });
    void vscode.window.showInformationMessage(vscode.l10n.t('Clause Cascade: tuned settings saved to the {0}.', where));
  }

  dispose(): void {
    panels.delete(this.file.fsPath);
    for (const d of this.disposables) d.dispose();
  }
}

/** Restores tuning panels after a reload (onWebviewPanel activation). */
export class TuningSerializer implements vscode.WebviewPanelSerializer<TuningState> {
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: TuningState | undefined): Promise<void> {
    if (!state?.file) {
      panel.dispose();
      return;
    }
    new TuningPanel(panel, vscode.Uri.file(state.file));
  }
}
