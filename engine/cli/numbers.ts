/** Strict parsing of numeric command-line values; a bad value is a usage error (exit 2) naming the flag. */
import { UsageError } from '../util/errors.ts';

export function parseWholeNumber(flag: string, value: string, min = 0): number {
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of ${min} or more (got ${JSON.stringify(value)}).`);
  return n;
}

export function parseSeed(flag: string, value: string): number {
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} must be a whole number (got ${JSON.stringify(value)}).`);
  return n;
}

export function parseFraction(flag: string, value: string): number {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} must be a number from 0 to 1 (got ${JSON.stringify(value)}).`);
  return n;
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)}).`);
  return value as T;
}
