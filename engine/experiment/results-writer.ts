/** The files of one results folder: results.json with the tables and charts made from it. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.ts';
import { renderSvg } from './charts.ts';
import { assertResults, RESULTS_FILE, resultCharts, type ExperimentResults } from './results.ts';
import { runsCsv, summaryMarkdown } from './tables.ts';

/** Writes results.json, runs.csv, summary.md and each chart as `<stem>.vl.json` + `<stem>.svg`; returns the paths. */
export async function writeResults(dir: string, results: ExperimentResults): Promise<string[]> {
  assertResults(results);
  const files: [string, string][] = [
    [RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`],
    ['runs.csv', runsCsv(results)],
    ['summary.md', summaryMarkdown(results)],
  ];
  for (const [stem, spec] of Object.entries(resultCharts(results))) {
    files.push([`${stem}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`], [`${stem}.svg`, await renderSvg(spec)]);
  }
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    await writeFileAtomic(file, text);
    written.push(file);
  }
  return written;
}
