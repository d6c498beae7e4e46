import { describe, expect, it } from 'vitest';
import { stripLeadingBoilerplate } from '../../engine/normalise/boilerplate.ts';

describe('leading boilerplate (docs/decisions.md)', () => {
  it.each([
    ['Clausule: Het pand is een rijksmonument.', 'Het pand is een rijksmonument.'],
    ['Let op: Het pand', 'Het pand'],
    ['LET OP: Het pand', 'Het pand'],
    ['Let wel: Het pand', 'Het pand'],
    ['NB: Het pand', 'Het pand'],
    ['NB Het pand', 'Het pand'],
    ['N.B. Het pand', 'Het pand'],
    ['N.B.: Het pand', 'Het pand'],
    ['Opmerking: Het pand', 'Het pand'],
    ['Opm. - Het pand', 'Het pand'],
    ['Toelichting: Het pand', 'Het pand'],
    ['Bijzondere bepaling – Het pand', 'Het pand'],
    ['* Het pand', 'Het pand'],
    ['- Het pand', 'Het pand'],
    ['• Het pand', 'Het pand'],
    ['1. Het pand', 'Het pand'],
    ['3) Het pand', 'Het pand'],
    ['(2) Het pand', 'Het pand'],
    ['a) het pand', 'het pand'],
    [' - NB: Het pand', 'Het pand'],
  ])('%j → %j', (raw, expected) => {
    expect(stripLeadingBoilerplate(raw)).toBe(expected);
  });

  it.each([
    'Let op dat de woning bewoond blijft.',
    'Nota: dit blijft staan.',
    'NBeurt is geen label.',
    '1.500 euro eigen risico',
    'Artikel 7: sancties',
    'Risicoadres: Kerkweg 1',
  ])('leaves %j as it is', (raw) => {
    expect(stripLeadingBoilerplate(raw)).toBe(raw);
  });

  it('keeps a text that is nothing but boilerplate', () => {
    expect(stripLeadingBoilerplate('NB:')).toBe('NB:');
    expect(stripLeadingBoilerplate('- ')).toBe('- ');
  });
});
