/** The flags of `clause-cascade bench` as commander hands them to the run. */
import { GENERATOR_STYLES } from '../../generate/types.ts';
import { LEADER_SEARCH_FLAG, MODE_FLAG, type SettingFlag } from '../settings-flags.ts';

export const BENCH_POLICIES = ['seed', 'lossless'] as const;
export const BENCH_SETTING_FLAGS: readonly SettingFlag[] = [MODE_FLAG, LEADER_SEARCH_FLAG];

export interface BenchFlags extends Record<string, unknown> {
  rows: number;
  seed: number;
  policy?: (typeof BENCH_POLICIES)[number];
  style: (typeof GENERATOR_STYLES)[number];
  input?: string;
  repeats: number;
  model?: string;
  embeddings?: boolean;
  json?: string;
  overwrite?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  set?: string[];
}
