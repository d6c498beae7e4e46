// Progress in the UI's language from the engine's stage ids, with an overall percentage and a time estimate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { progressText, RowRate, STAGE_NAMES } from '../../extension/src/analyze/progress.ts';
import type { Translate } from '../../extension/src/l10n/translate.ts';

const dutch = JSON.parse(readFileSync(new URL('../../extension/l10n/bundle.l10n.nl.json', import.meta.url), 'utf8')) as Record<string, string>;
const format = (message: string, args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const english: Translate = (message, ...args) => format(message, args);
const nl: Translate = (message, ...args) => format(dutch[message] ?? `MISSING(${message})`, args);

describe('progress text', () => {
  it('names the stage in English or Dutch, never the engine\'s Dutch message in English', () => {
    const event = { stage: 'cluster', percent: 40, message: 'Slim clusteren... (60%)' };
    expect(progressText(event, 20_000, english, 'en')).toBe('Grouping clauses — 40% · about 30 s left');
    expect(progressText(event, 20_000, nl, 'nl')).toBe('Clausules groeperen — 40% · nog ongeveer 30 s');
    expect(progressText({ stage: 'ingest', percent: 5, message: 'Bestand inlezen...' }, 1000, english, 'en')).toBe('Reading the workbook — 5%');
    expect(progressText({ stage: 'advise', percent: 60, message: '' }, 600_000, english, 'en')).toBe('Advising per group — 60% · about 7 min left');
  });

  it('shows rows per second within a stage, formatted for the language', () => {
    const rate = new RowRate();
    const at = (done: number) => ({ stage: 'cluster', percent: 30, message: '', rows: { done, total: 200_000 } });
    expect(rate.update(at(1000), 0)).toBeNull();
    const perSecond = rate.update(at(13_345), 10_000)!;
    expect(perSecond).toBeCloseTo(1234.5, 6);
    expect(progressText(at(13_345), 10_000, nl, 'nl', perSecond)).toBe('Clausules groeperen — 30% · 1.235 rijen/s · nog ongeveer 23 s');
    expect(rate.update({ ...at(0), stage: 'advise' }, 11_000)).toBeNull(); // a new stage starts its own rate
  });

  it('has a Dutch name for every stage id', () => {
    for (const name of Object.values(STAGE_NAMES)) expect(dutch[name], name).toEqual(expect.any(String));
  });
});
