// The kernel's message contract: what crosses the process boundary is checked on both sides.
import { describe, expect, it } from 'vitest';
import { isKernelHostMessage, isKernelWorkerMessage } from '../../../extension/src/notebook/protocol.ts';

const cell = { id: 'a1', cell_type: 'code', metadata: {}, source: ['1 + 1'], execution_count: null, outputs: [] };

describe('notebook kernel protocol', () => {
  it('accepts the host messages and rejects malformed ones', () => {
    expect(isKernelHostMessage({ type: 'start', start: { notebookFile: '/x/a.cascade.ipynb', devMode: false } })).toBe(true);
    expect(isKernelHostMessage({ type: 'execute', id: 0, index: 3, cell })).toBe(true);
    expect(isKernelHostMessage({ type: 'interrupt' })).toBe(true);
    expect(isKernelHostMessage({ type: 'start', start: { notebookFile: 1, devMode: false } })).toBe(false);
    expect(isKernelHostMessage({ type: 'execute', id: -1, index: 0, cell })).toBe(false);
    expect(isKernelHostMessage({ type: 'execute', id: 0, index: 0, cell: { ...cell, metadata: null } })).toBe(false);
    expect(isKernelHostMessage({ type: 'eval', code: 'process.exit()' })).toBe(false);
  });

  it('accepts the worker messages and rejects malformed ones', () => {
    expect(isKernelWorkerMessage({ type: 'ready' })).toBe(true);
    expect(isKernelWorkerMessage({ type: 'executed', id: 1, ok: true, cell, durationMs: 12 })).toBe(true);
    expect(isKernelWorkerMessage({ type: 'failed', id: null, error: { name: 'ProtocolError', message: 'x' } })).toBe(true);
    expect(isKernelWorkerMessage({ type: 'log', level: 'info', message: 'x' })).toBe(true);
    expect(isKernelWorkerMessage({ type: 'log', level: 'loud', message: 'x' })).toBe(false);
    expect(isKernelWorkerMessage({ type: 'executed', id: 1, ok: true, cell: { ...cell, outputs: undefined }, durationMs: 12 })).toBe(false);
    expect(isKernelWorkerMessage(null)).toBe(false);
  });
});
