/** The flags of `clause-cascade pairs` as commander hands them to the run. */
import { MODE_FLAG, POLICY_FLAG, type SettingFlag } from '../settings-flags.ts';

export const PAIRS_SETTING_FLAGS: readonly SettingFlag[] = [MODE_FLAG, POLICY_FLAG, { flags: '--sheet <name|index>', setting: 'input.sheet' }];

export interface PairsFlags extends Record<string, unknown> {
  left: string;
  right: string;
  threshold?: number;
  out?: string;
  overwrite?: boolean;
  model?: string;
  embeddings?: boolean;
  verbose?: boolean;
  set?: string[];
}
