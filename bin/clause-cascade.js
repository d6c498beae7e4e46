#!/usr/bin/env node
// Starts the CLI from the JavaScript build in dist/cli (made by `npm ci`/`npm install` or `npm run build`) when it is
// up to date with the sources; otherwise (no build yet, or a source edited since) through tsx, which compiles on
// load, so there is no build step between edit and run.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The build is usable while no source it was made from changed after the build started. */
function buildIsFresh() {
  try {
    const { startedAt, inputs } = JSON.parse(readFileSync(`${root}dist/cli/build.json`, 'utf8'));
    return inputs.every((input) => statSync(root + input).mtimeMs < startedAt);
  } catch {
    return false;
  }
}

let main;
if (process.env.CLAUSE_CASCADE_TSX !== '1' && buildIsFresh()) {
  ({ main } = await import('../dist/cli/main.mjs'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../engine/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
