/**
 * Tuning-view parameters ↔ `clauseCascade.*` settings. One mapping serves "Save to Workspace Settings" and "Run
 * Analysis with These Settings". Pure, unit tested.
 */
import { SETTING_SPECS, type Mode, type SignalId } from '../../../engine/config/settings.ts';
import type { TuningParams } from './protocol.ts';

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Dotted engine setting names and values (without the `clauseCascade.` prefix). */
export function paramsToSettings(params: TuningParams, mode: Mode, signals: readonly SignalId[]): Record<string, number> {
  const out: Record<string, number> = {
    clusterAccuracy: Math.round(params.clusterAccuracy),
    'seed.exitLow': round(params.exitLow),
    'seed.exitHigh': round(params.exitHigh),
  };
  signals.forEach((signal, i) => {
    const name = `weights.${mode}.${signal}`;
    if (name in SETTING_SPECS) out[name] = round(params.weights[i] ?? 0);
  });
  return out;
}
