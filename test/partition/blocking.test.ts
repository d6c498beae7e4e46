/** The blocking of a partitioned run keeps together what the leader clustering could group. */
import { describe, expect, it } from 'vitest';
import { blockRecords, lshComponents } from '../../engine/partition/blocking.ts';
import type { ClauseRecord } from '../../engine/normalise/records.ts';
import { simplify } from '../../engine/normalise/simplify.ts';

function records(texts: string[]): ClauseRecord[] {
  return texts.map((rawText, i) => {
    const simplified = simplify(rawText);
    return { rowNumber: i + 1, sourceLine: i + 2, rawText, policyNumber: null, simplifiedText: simplified, clusteringText: simplified };
  });
}

const FAMILIES = [
  'De verzekering dekt schade aan de woning door storm, hagel en blikseminslag tot het verzekerde bedrag.',
  'Premie wordt per kwartaal vooruit betaald via automatische incasso van de opgegeven rekening.',
  'Bij diefstal uit een motorvoertuig geldt een eigen risico van tweehonderdvijftig euro per gebeurtenis.',
  'Schade aan elektronische apparatuur door kortsluiting is uitgesloten tenzij anders overeengekomen.',
  'Glasschade aan ruiten van het woonhuis wordt vergoed op basis van herstelkosten inclusief plaatsing.',
  'Reisbagage is meeverzekerd tot een maximum van vijftienhonderd euro per verzekerde per reis.',
];

/** One typing error per variant: a swapped pair, a dropped letter, a doubled letter. */
function typos(text: string): string[] {
  const at = Math.trunc(text.length / 2);
  return [text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2), text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + text[at] + text.slice(at)];
}

describe('blocking', () => {
  it('puts exact duplicates and small-typo variants of each clause in one block, for every K', () => {
    const texts = FAMILIES.flatMap((f) => [f, f, ...typos(f), f.replace('euro', 'EUR')]);
    const recs = records(texts);
    for (const k of [2, 3, 4, 8]) {
      const { blocks } = blockRecords(recs, k, 5);
      expect(blocks).toHaveLength(k);
      expect(blocks.flat().sort((a, b) => a - b)).toEqual(recs.map((_, i) => i));
      const blockOf = new Map(blocks.flatMap((rows, b) => rows.map((r) => [r, b] as const)));
      FAMILIES.forEach((_, f) => {
        const members = texts.map((_, i) => i).filter((i) => Math.trunc(i / 6) === f);
        expect(new Set(members.map((i) => blockOf.get(i))).size, `family ${f}, K=${k}`).toBe(1);
      });
    }
  });

  it('separates unrelated clauses and balances the blocks by rows', () => {
    const components = lshComponents(FAMILIES.map(simplify));
    expect(new Set(components).size).toBe(FAMILIES.length);
    const recs = records(FAMILIES.flatMap((f) => [f, f, f, f]));
    const { blocks, components: found } = blockRecords(recs, 3, 5);
    expect(found).toBe(FAMILIES.length);
    expect(blocks.map((b) => b.length)).toEqual([8, 8, 8]);
  });

  it('leaves rows too short to cluster out of every block', () => {
    const recs = records(['ok', FAMILIES[0]!, 'x', FAMILIES[1]!]);
    const { blocks } = blockRecords(recs, 2, 5);
    expect(blocks.flat().sort()).toEqual([1, 3]);
  });
});
