import { describe, expect, it } from 'vitest';
import { enabledSignals, MODES, SETTING_SPECS, SettingError, SIGNAL_IDS } from '../../engine/config/settings.ts';
import { ANALYZE_SETTING_FLAGS, parseAssignments, settingsFromFlags } from '../../engine/cli/settings-flags.ts';
import { UsageError } from '../../engine/util/errors.ts';

describe('settings from flags', () => {
  it('every settings flag names a setting of SETTING_SPECS', () => {
    for (const flag of ANALYZE_SETTING_FLAGS) expect(SETTING_SPECS).toHaveProperty([flag.setting]);
  });

  it('applies --set first and the dedicated flags on top', () => {
    const settings = settingsFromFlags({ options: { accuracy: '95', mode: 'fast' }, flags: ANALYZE_SETTING_FLAGS, set: ['clusterAccuracy=85', 'seed.exitHigh=0.95'] });
    expect(settings.clusterAccuracy).toBe(95);
    expect(settings.mode).toBe('fast');
    expect(settings.seed.exitHigh).toBe(0.95);
  });

  it('--model and --no-embeddings set the model of the chosen mode only', () => {
    const withModel = settingsFromFlags({ options: { mode: 'accurate' }, flags: ANALYZE_SETTING_FLAGS, model: 'fixtures/tiny-model' });
    expect(withModel.embeddings.model.accurate).toBe('fixtures/tiny-model');
    expect(withModel.embeddings.model.balanced).toBe(SETTING_SPECS['embeddings.model.balanced']!.default);
    const none = settingsFromFlags({ options: {}, flags: ANALYZE_SETTING_FLAGS, noEmbeddings: true });
    expect(none.embeddings.model[none.mode]).toBe('none');
  });

  it('rejects bad values with the engine message, naming the flag', () => {
    expect(() => settingsFromFlags({ options: { windowSize: '5' }, flags: ANALYZE_SETTING_FLAGS })).toThrow(SettingError);
    expect(() => settingsFromFlags({ options: { windowSize: '5' }, flags: ANALYZE_SETTING_FLAGS })).toThrow(/windowSize.*--window-size/);
    expect(() => parseAssignments(['=1'])).toThrow(UsageError);
    expect(parseAssignments(['input.textColumn=Vrije = Tekst'])).toEqual({ 'input.textColumn': 'Vrije = Tekst' });
  });

  it('every weight of every mode is a setting, so --set can switch a signal on in a mode', () => {
    for (const mode of MODES) for (const signal of SIGNAL_IDS) expect(SETTING_SPECS).toHaveProperty([`weights.${mode}.${signal}`]);
    const fast = settingsFromFlags({ options: { mode: 'fast' }, flags: ANALYZE_SETTING_FLAGS, set: [] });
    expect(enabledSignals(fast)).toEqual(['fuzzy', 'stemmed']);
    const withTfidf = settingsFromFlags({ options: { mode: 'fast' }, flags: ANALYZE_SETTING_FLAGS, set: ['weights.fast.tfidf=0.2'] });
    expect(withTfidf.weights.fast.tfidf).toBe(0.2);
    expect(enabledSignals(withTfidf)).toEqual(['fuzzy', 'stemmed', 'tfidf']);
    expect(() => settingsFromFlags({ options: {}, flags: ANALYZE_SETTING_FLAGS, set: ['weights.fast.tfidf=-1'] })).toThrow(/weights\.fast\.tfidf/);
  });
});
