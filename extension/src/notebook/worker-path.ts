/** Where the notebook kernel's bundled process lives: dist/notebook-worker.js, beside the analysis worker. */
import * as path from 'node:path';
import { workerScript } from '../paths.ts';

export const notebookWorkerScript = (): string => path.join(path.dirname(workerScript()), 'notebook-worker.js');
