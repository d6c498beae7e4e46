import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../engine/config/settings.ts';
import { buildRecords, longEnoughToCluster } from '../../engine/normalise/records.ts';
import { codePointLength } from '../../engine/util/text.ts';
import { CancelledError } from '../../engine/util/errors.ts';

const grouping = resolveSettings({}).grouping;
const clauses = (texts: string[]) => ({ texts, policyNumbers: texts.map(() => null), sourceLines: Int32Array.from(texts, (_, i) => i + 2) });

describe('buildRecords', () => {
  it('derives each distinct text once and shares the derived strings between equal texts', async () => {
    const records = await buildRecords(clauses(['NB: Het eigen risico bedraagt EUR 500,-.', 'Glas is meeverzekerd.', 'NB: Het eigen risico bedraagt EUR 500,-.']), grouping);
    expect(records.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    expect(records[0]!.sourceLine).toBe(2);
    expect(records[0]!.simplifiedText).toBe(records[2]!.simplifiedText);
    expect(records[0]!.clusteringText).toContain('[BEDRAG]');
    expect(records[0]!.simplifiedText.startsWith('nb')).toBe(false);
  });

  it('stops a cancelled run while normalising', async () => {
    const texts = Array.from({ length: 5_000 }, (_, i) => `Clausule ${i}: de dekking geldt voor pand nummer ${i}.`);
    const controller = new AbortController();
    controller.abort();
    await expect(buildRecords(clauses(texts), grouping, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    await expect(buildRecords(clauses(texts), grouping)).resolves.toHaveLength(5_000);
  });
});

describe('longEnoughToCluster', () => {
  it('counts code points, not UTF-16 units, at and around the bound', () => {
    const astral = '\u{1D400}'; // one code point, two UTF-16 units
    const cases = ['', 'abcd', 'abcde', astral.repeat(4), astral.repeat(5), `${astral.repeat(3)}a`, `${astral.repeat(4)}a`, 'a'.repeat(9), 'a'.repeat(10), astral.repeat(10)];
    for (const text of cases) {
      for (const min of [1, 5, 6]) expect(longEnoughToCluster(text, min), `${JSON.stringify(text)} ≥ ${min}`).toBe(codePointLength(text) >= min);
    }
    expect(longEnoughToCluster(astral.repeat(4), 5)).toBe(false);
    expect(longEnoughToCluster(`${astral.repeat(4)}a`, 5)).toBe(true);
  });
});
