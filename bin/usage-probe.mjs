// Preloaded (`node --import`) into each `clause-cascade analyze` process of a scaling sweep
// (engine/experiment/sweep.ts): at exit it writes the process's own resource usage — CPU time of all its threads
// and its peak resident memory — to the file named by CLAUSE_CASCADE_USAGE_FILE, as the operating system counts it.
import { writeFileSync } from 'node:fs';

const file = process.env.CLAUSE_CASCADE_USAGE_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
