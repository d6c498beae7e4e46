// Both message contracts reject malformed messages.
import { describe, expect, it } from 'vitest';
import { defaultSettings, SETTING_SPECS } from '../../engine/config/settings.ts';
import { isFromWebview, isToWebview, isTuningParams } from '../../extension/src/tuning/protocol.ts';
import { isHostMessage, isWorkerMessage } from '../../extension/src/worker/protocol.ts';

const params = { clusterAccuracy: 90, exitLow: 0.5, exitHigh: 0.92, weights: [0.6, 0.4] };

describe('worker protocol', () => {
  it('accepts well-formed host messages and rejects others', () => {
    const job = { policyFile: '/a.xlsx', conditions: [], libraries: [], instructions: null, settings: defaultSettings(), out: null };
    expect(isHostMessage({ type: 'analyze', job })).toBe(true);
    expect(isHostMessage({ type: 'cancel' })).toBe(true);
    expect(isHostMessage({ type: 'tuning', job: { policyFile: '/a.xlsx', settings: defaultSettings(), maxRows: 2000 } })).toBe(true);
    expect(isHostMessage({ type: 'analyze', job: { ...job, conditions: 'x' } })).toBe(false);
    expect(isHostMessage({ type: 'tuning', job: { policyFile: '/a.xlsx', settings: {}, maxRows: 0 } })).toBe(false);
    expect(isHostMessage({ type: 'shutdown' })).toBe(false);
    expect(isHostMessage(null)).toBe(false);
  });

  it('accepts well-formed worker messages and rejects others', () => {
    expect(isWorkerMessage({ type: 'progress', event: { stage: 'cluster', percent: 30, message: 'Slim clusteren...' } })).toBe(true);
    expect(isWorkerMessage({ type: 'log', level: 'debug', message: 'Early exit' })).toBe(true);
    expect(isWorkerMessage({ type: 'log', level: 'verbose', message: 'x' })).toBe(false);
    expect(isWorkerMessage({ type: 'failed', error: { name: 'InputError', message: 'no text column' } })).toBe(true);
    expect(isWorkerMessage({ type: 'analyzed', reportPath: 1 })).toBe(false);
    expect(isWorkerMessage({ type: 'progress', event: { stage: 'x' } })).toBe(false);
  });
});

describe('tuning view protocol', () => {
  it('validates parameters', () => {
    expect(isTuningParams(params)).toBe(true);
    expect(isTuningParams({ ...params, clusterAccuracy: 79 })).toBe(false);
    expect(isTuningParams({ ...params, exitLow: 0.95 })).toBe(false);
    expect(isTuningParams({ ...params, weights: [0, 0] })).toBe(false);
    expect(isTuningParams({ ...params, weights: [Number.NaN, 1] })).toBe(false);
    // the ranges are SETTING_SPECS' own, at both ends
    const { clusterAccuracy } = SETTING_SPECS;
    expect(isTuningParams({ ...params, clusterAccuracy: clusterAccuracy.max })).toBe(true);
    expect(isTuningParams({ ...params, clusterAccuracy: clusterAccuracy.max + 1 })).toBe(false);
    expect(isTuningParams({ ...params, exitLow: SETTING_SPECS['seed.exitLow'].min })).toBe(true);
    expect(isTuningParams({ ...params, exitLow: SETTING_SPECS['seed.exitLow'].min - 0.01 })).toBe(false);
    expect(isTuningParams({ ...params, exitHigh: SETTING_SPECS['seed.exitHigh'].max + 0.01 })).toBe(false);
    expect(isTuningParams({ ...params, weights: [-0.1, 1] })).toBe(false);
  });

  it('validates messages in both directions', () => {
    expect(isFromWebview({ type: 'ready' })).toBe(true);
    expect(isFromWebview({ type: 'save', params })).toBe(true);
    expect(isFromWebview({ type: 'save', params: { ...params, weights: 'x' } })).toBe(false);
    expect(isFromWebview({ type: 'eval', code: 'x' })).toBe(false);
    expect(isToWebview({ type: 'error', message: 'bad' })).toBe(true);
    const data = { pairs: [], signals: [], columns: ['Tekst', 'Groep'] };
    expect(isToWebview({ type: 'data', data, params, labelColumn: 'Groep' })).toBe(true);
    expect(isToWebview({ type: 'data', data, params, labelColumn: null })).toBe(true);
    expect(isToWebview({ type: 'data', data, params, labelColumn: 'Label' })).toBe(false); // not a column of the workbook
    expect(isToWebview({ type: 'data', data: { pairs: [] }, params, labelColumn: null })).toBe(false);
    expect(isFromWebview({ type: 'labelColumn', column: 'Groep' })).toBe(true);
    expect(isFromWebview({ type: 'labelColumn', column: null })).toBe(true);
    expect(isFromWebview({ type: 'labelColumn', column: 3 })).toBe(false);
  });
});
