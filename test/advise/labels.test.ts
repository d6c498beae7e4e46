import { describe, expect, it } from 'vitest';
import { adviceFamily, adviceFill, customInstructionLabel, LABELS } from '../../engine/advise/labels.ts';

describe('advice vocabulary (§9.1) and fills (§10.4)', () => {
  it('labels are exact, emoji included', () => {
    expect(Object.values(LABELS)).toEqual([
      'VERWIJDEREN',
      '📅 VERWIJDEREN (VERLOPEN)',
      '🔄 VERVANGEN',
      '🔍 CONTROLEER GELIJKENIS',
      'BEHOUDEN (CLAUSULE)',
      'BEHOUDEN (MAATWERK)',
      'BEHOUDEN (VERPLICHTING)',
      '🛠️ STANDAARDISEREN',
      'HANDMATIG CHECKEN',
      '✨ UNIEK',
      '🔄 CONSISTENTIE CHECK',
      '📊 FREQUENTIE INFO',
      '🧹 OPSCHONEN',
      '📝 AANVULLEN',
      '⚪ LEEG',
      '❌ ONLEESBAAR',
    ]);
    expect([...LABELS.standardise].slice(0, 3).map((c) => c.codePointAt(0))).toEqual([0x1f6e0, 0xfe0f, 0x20]);
    expect(customInstructionLabel('Vervangen door NHT1')).toBe('📋 Vervangen door NHT1');
  });

  it.each([
    [LABELS.remove, 'FFC7CE'],
    [LABELS.removeExpired, 'FFC7CE'],
    [LABELS.keepClause, 'C6EFCE'],
    [LABELS.keepCustom, 'C6EFCE'],
    [LABELS.keepObligation, 'C6EFCE'],
    [LABELS.manualCheck, 'FFEB9C'],
    [LABELS.checkSimilarity, 'FFEB9C'],
    [LABELS.consistencyCheck, 'FFEB9C'],
    [LABELS.standardise, 'DDEBF7'],
    [LABELS.replace, 'DDEBF7'],
    [LABELS.empty, 'FCE4D6'],
    [LABELS.unreadable, 'FCE4D6'],
    [LABELS.cleanUp, 'FCE4D6'],
    [LABELS.fillIn, 'FCE4D6'],
    [LABELS.unique, 'EDEDED'],
    [LABELS.frequencyInfo, 'EDEDED'],
    ['📋 Verwijderen, staat in de voorwaarden', 'EDEDED'],
  ])('%s → %s', (label, fill) => {
    expect(adviceFill(label)).toBe(fill);
  });

  it('unknown labels have no family', () => {
    expect(adviceFamily('')).toBeNull();
    expect(adviceFamily('ONBEKEND')).toBeNull();
  });
});
