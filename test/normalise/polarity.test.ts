import { describe, expect, it } from 'vitest';
import { polarityKey } from '../../engine/normalise/polarity.ts';

describe('polarity of a clause (docs/decisions.md)', () => {
  it('tells a clause from its negation', () => {
    expect(polarityKey('schade door storm is gedekt')).toBe('');
    expect(polarityKey('schade door storm is niet gedekt')).toBe('niet');
    expect(polarityKey('diefstal is wel gedekt')).toBe('wel');
    expect(polarityKey('glasschade is inclusief de kosten')).not.toBe(polarityKey('glasschade is exclusief de kosten'));
    expect(polarityKey('met eigen risico')).not.toBe(polarityKey('zonder eigen risico'));
  });
  it('is the set of markers, sorted, whatever their order and count', () => {
    expect(polarityKey('geen dekking en niet verzekerd, niet gedekt')).toBe('geen niet');
    expect(polarityKey('niet verzekerd en geen dekking')).toBe('geen niet');
    expect(polarityKey('')).toBe('');
  });
});
