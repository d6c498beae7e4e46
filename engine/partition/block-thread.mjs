// Worker threads do not inherit tsx's loader from the process, so the thread's TypeScript entry is loaded through it here.
import { tsImport } from 'tsx/esm/api';

await tsImport('./block-thread.ts', import.meta.url);
