import { describe, expect, it } from 'vitest';
import { generateSeedRows } from '../../engine/generate/seed-style.ts';

describe('generateSeedRows (SPEC §13.1)', () => {
  it('produces the reference first rows for seed 42', () => {
    // Draws for seed 42: row 0 template 0.6011×5 → T3, bedrag 0.8525×5 → €100.000 (upper-cased, i%10==0, then the
    // prefix, i%7==0); row 1 template 0.8655 → T4, tijdstip 0.1973×4 → 01-01-2024, tijdstip2 0.5007×4 → datum
    // aanvraag; row 2 template 0.6866 → T3, bedrag 0.0038 → €5.000.
    expect(generateSeedRows(3)).toEqual([
      { Polisnummer: 'POL-000', Tekst: 'Let op: EIGEN RISICO BEDRAAGT €100.000 PER GEBEURTENIS', Label: 'T3' },
      {
        Polisnummer: 'POL-001',
        Tekst: 'Dekking is van toepassing op 01-01-2024 tot datum aanvraag',
        Label: 'T4|DATUM|datum aanvraag',
      },
      { Polisnummer: 'POL-002', Tekst: 'Eigen risico bedraagt €5.000 per gebeurtenis', Label: 'T3' },
    ]);
  });

  it('is deterministic, seed 42 by default, and seeds differ', () => {
    expect(generateSeedRows(200)).toEqual(generateSeedRows(200, 42));
    expect(generateSeedRows(200, 7)).toEqual(generateSeedRows(200, 7));
    expect(generateSeedRows(200, 7)).not.toEqual(generateSeedRows(200, 42));
    // A longer run starts with the shorter one: every row draws all eight values.
    expect(generateSeedRows(500).slice(0, 200)).toEqual(generateSeedRows(200));
  });

  const rows = generateSeedRows(1660);

  it('numbers policies POL-{i mod 100}, upper-cases every 10th row and prefixes every 7th', () => {
    rows.forEach((row, i) => {
      expect(row.Polisnummer).toBe(`POL-${String(i % 100).padStart(3, '0')}`);
      expect(row.Tekst.startsWith('Let op: ')).toBe(i % 7 === 0);
      const body = i % 7 === 0 ? row.Tekst.slice('Let op: '.length) : row.Tekst;
      expect(body === body.toUpperCase()).toBe(i % 10 === 0);
    });
  });

  it('labels by template and the meaning-changing values in drawn order', () => {
    const patterns: Record<string, RegExp> = {
      T0: /^DEZE POLIS DEKT SCHADE AAN (.+) TOT EEN BEDRAG VAN €[\d.]+$/,
      T1: /^UITGESLOTEN ZIJN SCHADES DOOR (.+) EN (.+)$/,
      T2: /^DE VERZEKERING GELDT VOOR (.+) EN OMGEVING$/,
      T3: /^EIGEN RISICO BEDRAAGT €[\d.]+ PER GEBEURTENIS$/,
      T4: /^DEKKING IS VAN TOEPASSING OP (.+) TOT (.+)$/,
    };
    const seen = new Set<string>();
    for (const row of rows) {
      const [template, ...values] = row.Label.split('|');
      seen.add(template!);
      const body = row.Tekst.replace(/^Let op: /, '').toUpperCase();
      const match = patterns[template!]!.exec(body);
      expect(match, `${row.Label}: ${row.Tekst}`).not.toBeNull();
      const drawn = match!.slice(1).map((v) => (/^\d{2}-\d{2}-\d{4}$/.test(v) ? 'DATUM' : v));
      expect(values.map((v) => v.toUpperCase())).toEqual(drawn);
    }
    expect([...seen].sort()).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    expect(rows.some((r) => r.Label === 'T4|DATUM|datum aanvraag')).toBe(true);
    expect(rows.some((r) => r.Label === 'T1|oorlog|opzet')).toBe(true);
  });
});
