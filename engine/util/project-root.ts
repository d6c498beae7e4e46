/**
 * The checkout's root folder. This module sits two folders below it in the sources (engine/util) and in the CLI
 * build (dist/cli), so the same relative URL holds in both: files the build does not bundle (a forked process's
 * script, the web page's sources) are found from here, never relative to the module that needs them.
 */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
