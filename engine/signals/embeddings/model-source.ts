import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../../config/settings.ts';

/**
 * Where an embedding model comes from (SPEC §3, §6.6). `embeddings.model.<mode>` names either a local model folder
 * (absolute, `~/…`, or relative to the working folder; a folder holding `config.json`) or a hub id such as
 * `Xenova/paraphrase-multilingual-MiniLM-L12-v2`, which is looked up as `<embeddings.modelDir>/<owner>/<name>` and
 * fetched from the hub only when `embeddings.allowRemote` is on.
 */
export type ModelSource =
  | { kind: 'disabled'; reason: string }
  | { kind: 'local'; modelId: string; folder: string; modelFile: string; dtype: ModelDtype }
  | { kind: 'remote'; modelId: string; hubId: string; modelDir: string; folder: string; modelFile: string; dtype: ModelDtype }
  | { kind: 'missing'; modelId: string; reason: string };

export type ModelDtype = 'fp32' | 'q8';

/** Files transformers.js reads for a feature-extraction model besides the ONNX graph. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

/** Per-user cache root: %LOCALAPPDATA% on Windows, else $XDG_CACHE_HOME or ~/.cache. */
export function userCacheRoot(): string {
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return path.join(process.env.LOCALAPPDATA, 'clause-cascade');
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'clause-cascade');
}

export function modelDirOf(settings: Settings, cwd = process.cwd()): string {
  return settings.embeddings.modelDir ? path.resolve(cwd, expandHome(settings.embeddings.modelDir)) : path.join(userCacheRoot(), 'models');
}

export function vectorCacheDirOf(settings: Settings, cwd = process.cwd()): string {
  return settings.embeddings.cacheDir ? path.resolve(cwd, expandHome(settings.embeddings.cacheDir)) : path.join(userCacheRoot(), 'vectors');
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
}

export function modelFileName(dtype: ModelDtype): string {
  return dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
}

function missingFiles(folder: string, modelFile: string): string[] {
  return [...REQUIRED_FILES, modelFile].filter((f) => !existsSync(path.join(folder, f)));
}

const HOW_TO =
  'Download the model folder (config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx, or ' +
  'onnx/model_quantized.onnx when embeddings.quantized is on) to that place, point embeddings.model at a local model ' +
  'folder, or set embeddings.allowRemote to true to fetch it from the Hugging Face hub.';

/** Decides where the model of the active mode is, without loading it. Never touches the network. */
export function resolveModelSource(settings: Settings, cwd = process.cwd()): ModelSource {
  const modelId = settings.embeddings.model[settings.mode].trim();
  if (modelId === '' || modelId.toLowerCase() === 'none') {
    return { kind: 'disabled', reason: `embeddings disabled in this mode (embeddings.model.${settings.mode} is none)` };
  }
  if (!(settings.weights[settings.mode].embeddings > 0)) {
    // fast mode: the signal has no weight, so no model is ever loaded whatever embeddings.model.fast says.
    return { kind: 'disabled', reason: `embeddings disabled in this mode (no embeddings weight in ${settings.mode} mode)` };
  }
  const dtype: ModelDtype = settings.embeddings.quantized ? 'q8' : 'fp32';
  const modelFile = modelFileName(dtype);
  const asFolder = path.resolve(cwd, expandHome(modelId));
  const looksLikePath = path.isAbsolute(modelId) || /^[.~]/.test(modelId) || modelId.includes('\\') || !HUB_ID.test(modelId);

  const localFolder = (folder: string): ModelSource => {
    const missing = missingFiles(folder, modelFile);
    if (missing.length === 0) return { kind: 'local', modelId, folder, modelFile, dtype };
    return {
      kind: 'missing',
      modelId,
      reason: `embedding model folder ${folder} is incomplete: missing ${missing.join(', ')}` +
        (missing.length === 1 && missing[0] === modelFile && dtype === 'q8'
          ? ' (embeddings.quantized is on; turn it off to use onnx/model.onnx)'
          : ''),
    };
  };

  if (existsSync(path.join(asFolder, 'config.json'))) return localFolder(asFolder);
  if (looksLikePath) {
    return { kind: 'missing', modelId, reason: `embedding model folder ${asFolder} not found (no config.json there). ${HOW_TO}` };
  }
  const modelDir = modelDirOf(settings, cwd);
  const hubFolder = path.join(modelDir, ...modelId.split('/'));
  if (existsSync(path.join(hubFolder, 'config.json'))) {
    const source = localFolder(hubFolder);
    if (source.kind === 'local' || !settings.embeddings.allowRemote) return source;
  }
  if (settings.embeddings.allowRemote) {
    return { kind: 'remote', modelId, hubId: modelId, modelDir, folder: hubFolder, modelFile, dtype };
  }
  return {
    kind: 'missing',
    modelId,
    reason:
      `embedding model ${modelId} not found offline: looked in ${hubFolder} (embeddings.modelDir) and ${asFolder} ` +
      `(relative to the working folder); embeddings.allowRemote is off. ${HOW_TO}`,
  };
}

const fingerprints = new Map<string, string>();

/**
 * A short content hash of the model files (config, tokenizer files, the ONNX graph), so vectors cached for one set
 * of weights are never served for another. Memoised in-process by path, size and modification time.
 */
export async function modelFingerprint(folder: string, modelFile: string): Promise<string> {
  const files = [...REQUIRED_FILES, modelFile].map((f) => path.join(folder, f));
  const stamp = files.map((f) => {
    const s = statSync(f);
    return `${f}:${s.size}:${s.mtimeMs}`;
  }).join('|');
  const known = fingerprints.get(stamp);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${path.relative(folder, file).split(path.sep).join('/')}\0`);
    // Streamed: a real model graph is hundreds of megabytes.
    for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
    hash.update('\0');
  }
  const fingerprint = hash.digest('hex').slice(0, 12);
  fingerprints.set(stamp, fingerprint);
  return fingerprint;
}

