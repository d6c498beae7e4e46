#!/usr/bin/env node
// Regenerates the derived parts of extension/package.json (contributes.configuration and the untrusted-workspace
// restrictions) from the engine's SETTING_SPECS. `--check` only compares and exits 1 when package.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { manifestWithDerivedParts } = await import('../src/config/manifest.ts');
const file = new URL('../package.json', import.meta.url);
const current = readFileSync(file, 'utf8');
const next = `${JSON.stringify(manifestWithDerivedParts(JSON.parse(current)), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (current !== next) {
    console.error('extension/package.json is out of date with SETTING_SPECS; run: node extension/scripts/sync-configuration.mjs');
    process.exit(1);
  }
  console.log('extension/package.json is in sync with SETTING_SPECS.');
} else if (current !== next) {
  writeFileSync(file, next);
  console.log('extension/package.json updated from SETTING_SPECS.');
} else {
  console.log('extension/package.json already in sync.');
}
