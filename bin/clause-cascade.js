#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on load, so there is no build step between edit and run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
