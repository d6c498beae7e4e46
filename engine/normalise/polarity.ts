/**
 * The polarity of a clause: which negations and their counterparts it uses. `Schade door storm is gedekt` and
 * `… is niet gedekt`, `inclusief`/`exclusief`, `met`/`zonder`, `wel`/`niet` are a few characters apart and opposite
 * in meaning, so no character or word score can be trusted to keep them apart; comparing these words can.
 */

const MARKERS = new Set([
  'niet', 'geen', 'nooit', 'niets', 'noch', 'zonder', 'behalve', 'exclusief', 'excl', 'uitgesloten', 'uitgezonderd',
  'wel', 'inclusief', 'incl',
]);

export function isPolarityMarker(token: string): boolean {
  return MARKERS.has(token);
}

/**
 * The markers a simplified or clustering text contains, as one comparable key (sorted, distinct). Two clauses whose
 * keys differ are never grouped.
 */
export function polarityKey(text: string): string {
  if (text === '') return '';
  let found: string[] | null = null;
  for (const token of text.split(' ')) {
    if (!MARKERS.has(token)) continue;
    found ??= [];
    if (!found.includes(token)) found.push(token);
  }
  return found === null ? '' : found.sort().join(' ');
}
