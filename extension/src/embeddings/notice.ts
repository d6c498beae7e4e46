/**
 * What the user sees about a missing embedding model: one short line with an action, never the engine's full
 * reason (that goes to the log). No Node imports: the tuning webview shows the same line.
 */

/** The files of a transformers.js feature-extraction model folder (the engine's model-source.ts reads the same). */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
export const MODEL_GRAPHS = ['onnx/model.onnx', 'onnx/model_quantized.onnx'] as const;

export const GET_MODEL_COMMAND = 'clauseCascade.getEmbeddingModel';

/** The one-line notice when the embeddings signal is unavailable; null when it is available (or not wanted). */
export function embeddingNotice(unavailable: readonly { signal: string; reason: string }[]): string | null {
  const embeddings = unavailable.find((u) => u.signal === 'embeddings');
  if (!embeddings) return null;
  return /not found|incomplete|missing/i.test(embeddings.reason)
    ? 'Sentence embeddings off: no model found.'
    : 'Sentence embeddings off: the model could not be loaded.';
}
