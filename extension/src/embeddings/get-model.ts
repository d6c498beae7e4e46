/**
 * "Clause Cascade: Get Embedding Model": point the settings at a local model folder the user picks, or download the
 * configured hub model into this extension's global storage (progress, cancel, SHA-256 checked against the hub's
 * large-file hash) and point `embeddings.modelDir` there.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import { SECTION } from '../config/contributes.ts';
import { readRunInputs, workspaceRootFor } from '../config/workspace-settings.ts';
import { log } from '../log.ts';
import { displayPath } from '../display-path.ts';
import { missingModelFiles } from './model-folder.ts';
import { MODEL_FILES } from './notice.ts';

const HUB = 'https://huggingface.co';
/** The modes whose score uses sentence embeddings. */
const EMBEDDING_MODES = ['balanced', 'accurate'] as const;

let storage: vscode.Uri | undefined;

export function storeModelsIn(globalStorage: vscode.Uri): void {
  storage = globalStorage;
}

export async function getEmbeddingModel(): Promise<boolean> {
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  const { settings } = readRunInputs(resource);
  const modelId = settings.embeddings.model.balanced;
  type Item = vscode.QuickPickItem & { action: 'folder' | 'download' };
  const items: Item[] = [
    { label: vscode.l10n.t('Choose a Local Model Folder…'), description: vscode.l10n.t('a folder with config.json, tokenizer files and onnx/model.onnx'), action: 'folder' },
    { label: vscode.l10n.t('Download {0}', modelId), description: vscode.l10n.t('from huggingface.co into VS Code\'s storage (needs internet)'), action: 'download' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Clause Cascade: Get Embedding Model') });
  if (!picked) return false;
  return picked.action === 'folder' ? useLocalFolder(resource) : download(modelId, settings.embeddings.quantized);
}

async function useLocalFolder(resource: vscode.Uri | undefined): Promise<boolean> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Use as Embedding Model') });
  const folder = picked?.[0]?.fsPath;
  if (!folder) return false;
  const root = workspaceRootFor(resource);
  const missing = missingModelFiles(folder);
  if (missing.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not an embedding model folder: {1} missing.', displayPath(folder, root), missing.join(', ')));
    return false;
  }
  // Inside the workspace the setting is relative (`./…`, resolved against the workspace) and kept with the workspace.
  const shown = displayPath(folder, root);
  const inWorkspace = root !== null && !shown.startsWith('~') && !path.isAbsolute(shown);
  const value = inWorkspace ? `./${shown}` : folder;
  const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const config = vscode.workspace.getConfiguration(SECTION, resource);
  for (const mode of EMBEDDING_MODES) await config.update(`embeddings.model.${mode}`, value, target);
  log().info(`Embedding model for ${EMBEDDING_MODES.join(' and ')} mode set to ${value} (${folder})`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Sentence embeddings on: model {0} for balanced and accurate mode.', shown));
  return true;
}

async function download(modelId: string, quantized: boolean): Promise<boolean> {
  if (!storage) throw new Error('global storage not set');
  const modelsDir = vscode.Uri.joinPath(storage, 'models').fsPath;
  const target = path.join(modelsDir, ...modelId.split('/'));
  const files = [...MODEL_FILES, quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', modelId), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        for (const [i, file] of files.entries()) {
          progress.report({ message: `${file} (${i + 1}/${files.length})`, increment: 100 / files.length });
          await downloadFile(`${HUB}/${modelId}/resolve/main/${file}`, path.join(target, file), abort.signal);
        }
      },
    );
  } catch (error) {
    const cancelled = (error as Error).name === 'AbortError';
    log().warn(`Embedding model download of ${modelId} ${cancelled ? 'cancelled' : `failed: ${(error as Error).message}`}`);
    if (!cancelled) {
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('Could not download {0} ({1}). Choose a local model folder instead?', modelId, (error as Error).message),
        vscode.l10n.t('Choose Folder…'),
      );
      if (choice) return useLocalFolder(vscode.workspace.workspaceFolders?.[0]?.uri);
    }
    return false;
  }
  await vscode.workspace.getConfiguration(SECTION).update('embeddings.modelDir', modelsDir, vscode.ConfigurationTarget.Global);
  log().info(`Embedding model ${modelId} downloaded to ${target}; embeddings.modelDir set to ${modelsDir}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Sentence embeddings on: {0} downloaded.', modelId));
  return true;
}

/** One file to a temp name, its SHA-256 checked against the hub's large-file hash when it sends one, then renamed. */
async function downloadFile(url: string, file: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { signal, redirect: 'follow' });
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const expected = (response.headers.get('x-linked-etag') ?? '').replace(/"/g, '');
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.download`;
  const hash = createHash('sha256');
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  try {
    await pipeline(body, createWriteStream(temp), { signal });
    const actual = hash.digest('hex');
    if (/^[0-9a-f]{64}$/.test(expected) && actual !== expected) throw new Error(`${path.basename(file)}: checksum ${actual} does not match the hub's ${expected}`);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}
