/**
 * Boilerplate in front of a clause: labels (`Clausule:`, `Let op:`, `NB:`, `Opmerking:`), bullets (`*`, `-`, `•`) and
 * numbering (`1.`, `3)`, `a)`). Typed by hand in front of some copies of a clause and not others, they say nothing
 * about the clause itself, yet they make the copy that carries them the longest, and so the leader, of its group.
 */

const LABELS = [
  'clausule', 'let op', 'let wel', 'nb', 'n\\.b\\.?', 'nota bene', 'opmerking', 'opm\\.?', 'toelichting', 'belangrijk',
  'attentie', 'aanvulling', 'bijzondere bepaling', 'bijzondere voorwaarde', 'vrije tekst', 'tekst', 'memo', 'noot',
];

/** A label ends in a colon or dash; `NB` and `N.B.` are labels on their own. */
const LABEL = `(?:(?:${LABELS.join('|')})\\s*[:\\-–—]|n\\.?b\\.?(?=\\s))`;
const BULLET = '[*•·▪►>\\-–—]+';
const NUMBERING = '\\(?(?:\\d{1,2}|[a-z])[.)](?=\\s)';

const LEADING = new RegExp(`^[\\p{White_Space}]*(?:${LABEL}|${BULLET}|${NUMBERING})[\\p{White_Space}]*`, 'iu');

/** Labels stack (`- NB: …`); a few rounds are plenty and keep pathological input cheap. */
const MAX_ROUNDS = 3;

/** The clause without its leading boilerplate; a text that is nothing but boilerplate is returned unchanged. */
export function stripLeadingBoilerplate(raw: string): string {
  let text = raw;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const match = LEADING.exec(text);
    if (!match || match[0].length === 0) break;
    const rest = text.slice(match[0].length);
    if (rest.trim() === '') break;
    text = rest;
  }
  return text;
}
