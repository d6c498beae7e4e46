// English by default, Dutch throughout: every message the extension passes to vscode.l10n.t and every %key% of the
// manifest has a Dutch translation, and the Dutch bundle holds no stale keys.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING_IDS, WARNING_TEXTS } from '../../engine/util/warnings.ts';
import { STAGE_NAMES } from '../../extension/src/analyze/progress.ts';

const EXTENSION = path.resolve(import.meta.dirname, '..', '..', 'extension');
const read = (file: string) => JSON.parse(readFileSync(path.join(EXTENSION, file), 'utf8')) as Record<string, string>;
const bundle = read('l10n/bundle.l10n.nl.json');
const placeholders = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
const warningTexts = Object.values(WARNING_TEXTS) as string[];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The literal messages given to vscode.l10n.t (or a `t` translator) in the extension's sources. */
function messages(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(path.join(EXTENSION, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:vscode\.l10n\.t|t)\('((?:[^'\\]|\\.)*)'/g)) found.add(match[1]!.replace(/\\'/g, "'"));
  }
  return found;
}

describe('localisation', () => {
  it('has a Dutch translation for every message, with the same placeholders', () => {
    const used = messages();
    expect(used.size).toBeGreaterThan(20);
    for (const message of [...used, ...Object.values(STAGE_NAMES), 'Sentence embeddings off: no model found.']) {
      expect(bundle[message], message).toEqual(expect.any(String));
      expect(placeholders(bundle[message]!), message).toEqual(placeholders(message));
    }
    // No stale entries: each Dutch key is still used somewhere.
    const known = new Set([...used, ...Object.values(STAGE_NAMES), ...warningTexts, 'Sentence embeddings off: no model found.', 'Sentence embeddings off: the model could not be loaded.']);
    expect(Object.keys(bundle).filter((k) => !known.has(k))).toEqual([]);
  });

  it('has a Dutch text for every engine warning id, with the same named placeholders', () => {
    expect(WARNING_IDS.length).toBeGreaterThan(10);
    for (const id of WARNING_IDS) {
      const dutch = bundle[WARNING_TEXTS[id]];
      expect(dutch, id).toEqual(expect.any(String));
      expect(dutch, id).not.toBe(WARNING_TEXTS[id]);
      expect(placeholders(dutch!), id).toEqual(placeholders(WARNING_TEXTS[id]));
    }
  });

  it('translates every %key% of package.json into English (default) and Dutch', () => {
    const manifest = readFileSync(path.join(EXTENSION, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(5);
    const english = read('package.nls.json');
    const dutch = read('package.nls.nl.json');
    expect(Object.keys(english).sort()).toEqual([...new Set(keys)].sort());
    expect(Object.keys(dutch).sort()).toEqual(Object.keys(english).sort());
    expect(JSON.parse(manifest).l10n).toBe('./l10n');
  });
});
