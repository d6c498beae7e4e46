/**
 * The legacy form fields of `POST /api/analyze` (SPEC §14) → settings overrides. Ranges come from SETTING_SPECS,
 * so the API, the CLI and the extension can never disagree on them; a bad value is a 422 naming the field.
 */
import { MODES, POLICIES, SETTING_SPECS, type Mode } from '../config/settings.ts';
import { invalidField } from './dutch.ts';

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

export const MAX_INSTRUCTION_CHARS = 10_000;

const INTEGER_FIELDS = { cluster_accuracy: 'clusterAccuracy', min_frequency: 'minFrequency', window_size: 'windowSize', partitions: 'partitions' } as const;
const BOOLEAN_FIELDS = ['use_conditions', 'use_window_limit', 'use_semantic', 'ai_enabled'] as const;
type BooleanField = (typeof BOOLEAN_FIELDS)[number];

// The spellings FastAPI (the legacy server) accepts for a boolean form field.
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export interface AnalyzeForm {
  settings: Record<string, unknown>;
  useConditions: boolean;
  aiEnabled: boolean;
  extraInstruction: string;
}

function integerField(field: keyof typeof INTEGER_FIELDS, raw: string): number {
  const spec = SETTING_SPECS[INTEGER_FIELDS[field]]!;
  if (spec.kind !== 'integer') throw new Error(`${field} maps to a non-integer setting`);
  const rule = `een geheel getal van ${spec.min} tot en met ${spec.max}`;
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new FieldError(field, invalidField(field, `${JSON.stringify(raw.slice(0, 40))} is geen geheel getal; verwacht ${rule}`));
  const value = Number(text);
  if (value < spec.min || (spec.max !== undefined && value > spec.max)) throw new FieldError(field, invalidField(field, `${value} ligt buiten het bereik; verwacht ${rule}`));
  return value;
}

function booleanField(field: BooleanField, raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new FieldError(field, invalidField(field, `${JSON.stringify(raw.slice(0, 40))} is geen booleaanse waarde; verwacht "true" of "false"`));
}

function choiceField<T extends string>(field: string, raw: string, choices: readonly T[]): T {
  const text = raw.trim();
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new FieldError(field, invalidField(field, `${JSON.stringify(raw.slice(0, 40))} is geen geldige keuze; verwacht ${choices.join(', ')}`));
}

/** Validates the text fields of an analyze request; fields the legacy API does not know are ignored, as it did. */
export function parseAnalyzeForm(fields: ReadonlyMap<string, string>): AnalyzeForm {
  const settings: Record<string, unknown> = {};
  for (const [field, setting] of Object.entries(INTEGER_FIELDS) as Array<[keyof typeof INTEGER_FIELDS, string]>) {
    const raw = fields.get(field);
    if (raw !== undefined && raw.trim() !== '') settings[setting] = integerField(field, raw);
  }
  const flag = (field: BooleanField, fallback: boolean) => {
    const raw = fields.get(field);
    return raw === undefined || raw.trim() === '' ? fallback : booleanField(field, raw);
  };
  const mode: Mode = fields.get('analysis_mode')?.trim() ? choiceField('analysis_mode', fields.get('analysis_mode')!, MODES) : 'balanced';
  settings.mode = mode;
  const policy = fields.get('policy');
  if (policy !== undefined && policy.trim() !== '') settings.policy = choiceField('policy', policy, POLICIES);
  // Without semantic analysis the mode keeps its other signals; the embedding signal is switched off.
  if (!flag('use_semantic', true)) settings[`embeddings.model.${mode}`] = 'none';
  flag('use_window_limit', true); // validated only: the index leader search finds every qualifying leader (docs/decisions.md)
  const extraInstruction = fields.get('extra_instruction') ?? '';
  if ([...extraInstruction].length > MAX_INSTRUCTION_CHARS) {
    throw new FieldError('extra_instruction', invalidField('extra_instruction', `langer dan ${MAX_INSTRUCTION_CHARS.toLocaleString('nl-NL')} tekens`));
  }
  return { settings, useConditions: flag('use_conditions', true), aiEnabled: flag('ai_enabled', false), extraInstruction };
}
