/**
 * "Clause Cascade: Analyze Policy File": pick a workbook and a mode, run the engine in the worker with a cancellable
 * progress notification, then show the summary with follow-up actions.
 */
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MODES, type Mode } from '../../../engine/config/settings.ts';
import { readRunInputs, configuredMode } from '../config/workspace-settings.ts';
import { SettingsProblem } from '../config/run-settings.ts';
import { log, logAt } from '../log.ts';
import { workerScript } from '../paths.ts';
import { startJob } from '../worker/client.ts';
import { memoryPlan } from '../worker/memory.ts';
import { embeddingNotice, GET_MODEL_COMMAND } from '../embeddings/notice.ts';
import { displayPath } from '../display-path.ts';
import { workbookFor } from './pick-workbook.ts';
import { openReport, revealReport } from './report-actions.ts';
import { progressText, RowRate } from './progress.ts';
import { summaryMessage } from './summary.ts';

const TITLE = 'Clause Cascade: Analyze Policy File';

async function pickMode(uri: vscode.Uri): Promise<Mode | 'settings' | undefined> {
  const current = configuredMode(uri);
  type Item = vscode.QuickPickItem & { mode: Mode | 'settings' };
  const items: Item[] = [
    { label: vscode.l10n.t('Use settings ({0})', current), description: 'clauseCascade.mode', mode: 'settings' },
    { label: 'fast', description: vscode.l10n.t('fuzzy + stemmed: quickest'), mode: 'fast' },
    { label: 'balanced', description: vscode.l10n.t('adds TF-IDF, synonyms and embeddings'), mode: 'balanced' },
    { label: 'accurate', description: vscode.l10n.t('weights embeddings highest'), mode: 'accurate' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Clause Cascade: mode for this run'), placeHolder: path.basename(uri.fsPath) });
  return picked?.mode;
}

export interface AnalyzeOptions {
  /** Engine setting overrides for this run only (the tuning view's "Run Analysis with These Settings"). */
  overrides?: Record<string, unknown>;
  /** Skip the mode quick pick. */
  mode?: Mode | 'settings';
}

export async function analyzePolicyFile(arg?: unknown, options: AnalyzeOptions = {}): Promise<void> {
  const uri = await workbookFor(arg, TITLE);
  if (!uri) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Clause Cascade can only analyse files on disk, not {0}.', uri.toString()));
    return;
  }
  const mode = options.mode ?? (await pickMode(uri));
  if (!mode) return;
  let inputs;
  try {
    inputs = readRunInputs(uri, { ...(mode !== 'settings' && MODES.includes(mode) ? { mode } : {}), overrides: options.overrides });
  } catch (error) {
    if (error instanceof SettingsProblem) {
      const choice = await vscode.window.showErrorMessage(error.message, vscode.l10n.t('Open Settings'));
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
      return;
    }
    throw error;
  }
  const name = path.basename(uri.fsPath);
  const out = log();
  const memory = memoryPlan(uri.fsPath, statSync(uri.fsPath).size, os.totalmem());
  out.info(`Memory for ${name}: about ${memory.needMb} MB needed, worker heap ${memory.heapMb} MB of ${memory.machineMb} MB`);
  if (!memory.fits) {
    const fast = vscode.l10n.t('Analyze in Fast Mode');
    const anyway = vscode.l10n.t('Analyze Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} needs about {1} GB of memory; this machine can give an analysis {2} GB. Fast mode (no embeddings) needs less; or split the workbook.', name, gb(memory.needMb), gb(memory.heapMb)),
      { modal: true },
      fast,
      anyway,
    );
    if (!choice) return;
    if (choice === fast) inputs.settings = { ...inputs.settings, mode: 'fast' };
  }
  out.info(`Analysing ${uri.fsPath} (mode ${inputs.settings.mode}, policy ${inputs.settings.policy}, leader search ${inputs.settings.leaderSearch})`);
  const started = Date.now();
  const logged: string[] = [];
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Clause Cascade: ${name}`, cancellable: true },
    async (progress, token) => {
      let last = 0;
      const t0 = Date.now();
      const rate = new RowRate();
      const job = startJob(
        workerScript(),
        { type: 'analyze', job: { policyFile: uri.fsPath, conditions: inputs.conditions, libraries: inputs.libraries, instructions: inputs.instructions, settings: inputs.settings, out: null } },
        {
          onProgress: (event) => {
            const now = Date.now();
            const message = progressText(event, now - t0, vscode.l10n.t, vscode.env.language, rate.update(event, now));
            progress.report({ message, increment: Math.max(0, event.percent - last) });
            last = Math.max(last, event.percent);
          },
          heapMb: memory.heapMb,
          onLog: (level, message) => {
            logged.push(message);
            logAt(level, message);
          },
        },
      );
      const subscription = token.onCancellationRequested(() => {
        out.info(`Cancel requested for ${name}; stopping the worker (pid ${job.pid}).`);
        progress.report({ message: vscode.l10n.t('Cancelling…') });
        job.cancel();
      });
      try {
        return await job.result;
      } finally {
        subscription.dispose();
      }
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  switch (result.type) {
    case 'cancelled':
      out.info(`Analysis of ${name} cancelled after ${seconds} s; no report was written.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Clause Cascade: analysis of {0} cancelled; no report was written.', name));
      return;
    case 'failed': {
      out.error(`Analysis of ${name} failed: ${result.error.message}`);
      const openSettings = vscode.l10n.t('Open Settings');
      const showLog = vscode.l10n.t('Show Log');
      const actions = result.error.setting ? [openSettings, showLog] : [showLog];
      const choice = await vscode.window.showErrorMessage(`Clause Cascade: ${result.error.message}`, ...actions);
      if (choice === showLog) out.show(true);
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', `clauseCascade.${result.error.setting}`);
      return;
    }
    case 'analyzed': {
      const report = vscode.Uri.file(result.reportPath);
      out.info(`Report written: ${result.reportPath}${result.jsonPath ? ` (summary ${result.jsonPath})` : ''} in ${seconds} s`);
      // The worker logged some warnings as they happened (an unavailable model, say): each is logged once.
      const detail = (w: string) => w.slice(w.indexOf(': ') + 2);
      for (const warning of result.summary.warnings) if (!logged.some((m) => m.endsWith(detail(warning)))) out.warn(warning);
      const notice = embeddingNotice(result.summary.signals.unavailable);
      if (notice) void showModelNotice(notice);
      const [openLabel, revealLabel, tuneLabel] = [vscode.l10n.t('Open Report'), vscode.l10n.t('Reveal in Explorer'), vscode.l10n.t('Tune Thresholds')];
      const workspaceRoot = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? null;
      const toast = summaryMessage(result.summary, path.basename(result.reportPath), vscode.l10n.t, vscode.env.language, (file) => displayPath(file, workspaceRoot));
      const actions = [openLabel, revealLabel, tuneLabel];
      const choice = await (toast.warning ? vscode.window.showWarningMessage(toast.text, ...actions) : vscode.window.showInformationMessage(toast.text, ...actions));
      if (choice === openLabel) await openReport(report);
      else if (choice === revealLabel) await revealReport(report);
      else if (choice === tuneLabel) await vscode.commands.executeCommand('clauseCascade.tuneThresholds', uri);
      return;
    }
    default:
      return;
  }
}

/** The missing-model line with its action; the engine's full reason is in the log. */
async function showModelNotice(notice: string): Promise<void> {
  const getModel = vscode.l10n.t('Get Model…');
  const choice = await vscode.window.showWarningMessage(`Clause Cascade: ${vscode.l10n.t(notice)}`, getModel, vscode.l10n.t('Show Log'));
  if (choice === getModel) await vscode.commands.executeCommand(GET_MODEL_COMMAND);
  else if (choice) log().show(true);
}

const gb = (mb: number) => new Intl.NumberFormat(vscode.env.language, { maximumFractionDigits: 1 }).format(mb / 1024);
