// clauseCascade.* configuration → engine settings and reference paths; tuning parameters → settings.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, resolveSettings } from '../../engine/config/settings.ts';
import { engineOverrides, resolveRunInputs, SettingsProblem } from '../../extension/src/config/run-settings.ts';
import { paramsToSettings } from '../../extension/src/tuning/settings-map.ts';

const getter = (values: Record<string, unknown>) => (name: string) => values[name];

describe('settings mapping', () => {
  it('passes set values through resolveSettings and leaves the rest at the engine defaults', () => {
    const inputs = resolveRunInputs(getter({ clusterAccuracy: 85, 'seed.exitLow': 0.4, mode: 'fast' }), { workspaceRoot: '/ws' });
    expect(inputs.settings.clusterAccuracy).toBe(85);
    expect(inputs.settings.seed.exitLow).toBe(0.4);
    expect(inputs.settings.mode).toBe('fast');
    expect(inputs.settings.policy).toBe(defaultSettings().policy);
    expect(inputs.conditions).toEqual([]);
    expect(inputs.libraries).toEqual([]);
    expect(inputs.instructions).toBeNull();
  });

  it('lets the per-run mode override the setting', () => {
    expect(resolveRunInputs(getter({ mode: 'fast' }), { workspaceRoot: null, mode: 'accurate' }).settings.mode).toBe('accurate');
  });

  it('reports an invalid value with the setting name', () => {
    let problem: unknown;
    try {
      resolveRunInputs(getter({ clusterAccuracy: 120 }), { workspaceRoot: null });
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(SettingsProblem);
    expect((problem as SettingsProblem).setting).toBe('clauseCascade.clusterAccuracy');
    expect((problem as SettingsProblem).message).toMatch(/clauseCascade\.clusterAccuracy.*120.*80 to 100/);
  });

  it('resolves reference paths against the workspace folder', () => {
    const inputs = resolveRunInputs(getter({ conditions: ['docs/a.pdf', '/abs/b.docx', ''], library: 'lib.xlsx', instructions: '' }), { workspaceRoot: '/ws' });
    expect(inputs.conditions).toEqual([path.resolve('/ws/docs/a.pdf'), '/abs/b.docx']);
    expect(inputs.libraries).toEqual([path.resolve('/ws/lib.xlsx')]);
    expect(inputs.instructions).toBeNull();
    expect(() => resolveRunInputs(getter({ conditions: 'a.pdf' }), { workspaceRoot: '/ws' })).toThrow(/clauseCascade\.conditions/);
  });

  it('skips unset settings', () => {
    expect(engineOverrides(getter({ mode: 'fast', conditions: ['x'] }))).toEqual({ mode: 'fast' });
  });

  it('maps tuning parameters to valid settings for the active mode', () => {
    const values = paramsToSettings({ clusterAccuracy: 84, exitLow: 0.4444, exitHigh: 0.9, weights: [0.3, 0.25, 0.15, 0.15] }, 'balanced', ['fuzzy', 'stemmed', 'tfidf', 'synonyms']);
    expect(values).toEqual({
      clusterAccuracy: 84,
      'seed.exitLow': 0.444,
      'seed.exitHigh': 0.9,
      'weights.balanced.fuzzy': 0.3,
      'weights.balanced.stemmed': 0.25,
      'weights.balanced.tfidf': 0.15,
      'weights.balanced.synonyms': 0.15,
    });
    expect(() => resolveSettings(values)).not.toThrow();
  });
});
