#!/usr/bin/env node
// Regenerates the derived parts of extension/package.json (contributes.configuration and the untrusted-workspace
// restrictions) and of package.nls.json / package.nls.nl.json (the settings' English and Dutch texts) from the
// engine's SETTING_SPECS. `--check` only compares and exits 1 when a file is stale.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { manifestWithDerivedParts, nlsWithDerivedParts } = await import('../src/config/manifest.ts');
const files = [
  ['package.json', (json) => manifestWithDerivedParts(json)],
  ['package.nls.json', (json) => nlsWithDerivedParts(json, 'en')],
  ['package.nls.nl.json', (json) => nlsWithDerivedParts(json, 'nl')],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, derive] of files) {
  const file = new URL(`../${name}`, import.meta.url);
  const current = readFileSync(file, 'utf8');
  const next = `${JSON.stringify(derive(JSON.parse(current)), null, 2)}\n`;
  if (current === next) continue;
  stale++;
  if (check) {
    console.error(`extension/${name} is out of date with SETTING_SPECS; run: node extension/scripts/sync-configuration.mjs`);
  } else {
    // Written beside and renamed, so an interrupted run never leaves half a manifest.
    writeFileSync(new URL(`../${name}.tmp`, import.meta.url), next);
    renameSync(new URL(`../${name}.tmp`, import.meta.url), file);
    console.log(`extension/${name} updated from SETTING_SPECS.`);
  }
}
if (check && stale) process.exit(1);
if (!stale) console.log('extension/package.json and its nls files are in sync with SETTING_SPECS.');
