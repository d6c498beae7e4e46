import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { resolveSettings, type Settings } from '../../engine/config/settings.ts';

export const TINY_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tiny-model');

const created: string[] = [];
/** Test files call this in afterAll (vitest workers do not always reach process 'exit'); scripts at exit. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', removeTempDirs);

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `cc-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Balanced-mode settings on the tiny model, with private model and vector-cache folders. */
export function tinySettings(overrides: Record<string, unknown> = {}): Settings {
  return resolveSettings({
    mode: 'balanced',
    'embeddings.model.balanced': TINY_MODEL,
    'embeddings.modelDir': tempDir('models'),
    'embeddings.cacheDir': tempDir('vectors'),
    ...overrides,
  });
}

export interface LogLine {
  level: string;
  msg: string;
}
export function collectingLog(): { lines: LogLine[]; log: (level: 'info' | 'warn' | 'debug', msg: string) => void } {
  const lines: LogLine[] = [];
  return { lines, log: (level, msg) => lines.push({ level, msg }) };
}

/** The initializers of the tiny fp32 graph, read back from the ONNX file (not from the generator). */
export function tinyWeights(): { embeddings: Float32Array; projection: Float32Array; bias: Float32Array; hidden: number } {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(path.join(TINY_MODEL, 'onnx/model.onnx')));
  const tensor = (name: string) => {
    const t = model.graph!.initializer!.find((i) => i.name === name)!;
    const raw = Uint8Array.from(t.rawData!);
    return { data: new Float32Array(raw.buffer), dims: (t.dims ?? []).map(Number) };
  };
  const embeddings = tensor('embeddings');
  return { embeddings: embeddings.data, projection: tensor('projection').data, bias: tensor('bias').data, hidden: embeddings.dims[1]! };
}

/** The sentence vector by hand: tanh(E[id]·W + b) per token, mean over the tokens, L2-normalised. */
export function handVector(ids: number[]): Float32Array {
  const { embeddings, projection, bias, hidden } = tinyWeights();
  const sum = new Float64Array(hidden);
  for (const id of ids) {
    for (let j = 0; j < hidden; j++) {
      let z = bias[j]!;
      for (let k = 0; k < hidden; k++) z += embeddings[id * hidden + k]! * projection[k * hidden + j]!;
      sum[j]! += Math.tanh(z);
    }
  }
  const mean = sum.map((v) => v / ids.length);
  const norm = Math.hypot(...mean);
  return Float32Array.from(mean, (v) => v / norm);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
