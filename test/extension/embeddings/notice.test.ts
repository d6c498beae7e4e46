// The missing-model notice is one short line, paths read relative to the workspace or home, and a picked folder is
// checked for the files the engine loads.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../engine/config/settings.ts';
import { resolveModelSource } from '../../../engine/signals/embeddings/model-source.ts';
import { resolveRunInputs } from '../../../extension/src/config/run-settings.ts';
import { displayPath } from '../../../extension/src/display-path.ts';
import { missingModelFiles } from '../../../extension/src/embeddings/model-folder.ts';
import { embeddingNotice } from '../../../extension/src/embeddings/notice.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

describe('embedding model notice', () => {
  it('is one short line for the engine\'s real "not found" reason, and nothing when embeddings are available', () => {
    const source = resolveModelSource(resolveSettings({ 'embeddings.modelDir': '/nonexistent/models' }), '/nonexistent');
    expect(source.kind).toBe('missing');
    const reason = (source as { reason: string }).reason;
    const notice = embeddingNotice([{ signal: 'tfidf', reason: 'the TF-IDF corpus has no terms' }, { signal: 'embeddings', reason }]);
    expect(notice).toBe('Sentence embeddings off: no model found.');
    expect(notice!.length).toBeLessThan(60);
    expect(embeddingNotice([{ signal: 'tfidf', reason: 'the TF-IDF corpus has no terms' }])).toBeNull();
  });

  it('shows paths relative to the workspace, else under ~, else absolute', () => {
    expect(displayPath('/ws/models/tiny', '/ws', '/home/me')).toBe('models/tiny');
    expect(displayPath('/home/me/models/tiny', '/ws', '/home/me')).toBe('~/models/tiny');
    expect(displayPath('/opt/models/tiny', '/ws', '/home/me')).toBe('/opt/models/tiny');
    expect(displayPath('/ws', '/ws', '/home/me')).toBe('.');
    expect(displayPath('/ws-other/x', '/ws', os.homedir())).not.toMatch(/^\.\./);
  });

  it('accepts the tiny test model folder and names what a folder lacks', () => {
    expect(missingModelFiles(path.join(ROOT, 'fixtures', 'tiny-model'))).toEqual([]);
    expect(missingModelFiles(path.join(ROOT, 'fixtures'))).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx or onnx/model_quantized.onnx']);
  });

  it('resolves a relative model folder against the workspace, not the extension host\'s working folder', () => {
    const settings = { 'embeddings.model.balanced': './fixtures/tiny-model', 'embeddings.modelDir': 'models' } as Record<string, unknown>;
    const inputs = resolveRunInputs((name) => settings[name], { workspaceRoot: ROOT });
    expect(inputs.settings.embeddings.model.balanced).toBe(path.join(ROOT, 'fixtures', 'tiny-model'));
    expect(inputs.settings.embeddings.modelDir).toBe(path.join(ROOT, 'models'));
    expect(resolveModelSource(inputs.settings, '/').kind).toBe('local');
  });
});
