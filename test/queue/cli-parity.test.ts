/**
 * A queued job's outputs equal the CLI's on the same input: uploads go through the HTTP API of `serve --queue`, run
 * on two `clause-cascade worker` processes against a real redis-server, and the downloaded report and results are
 * compared with `clause-cascade analyze` on the same files. Only facts of the run itself (input path, start time,
 * stage timings) may differ.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { cli, tempDir } from '../cli/helpers.ts';
import { FIXTURES, form, getJson, post, SAMPLE, waitForJob, type FilePart } from '../server/helpers.ts';
import { startQueueDeployment, type QueueDeployment, type Workers } from './workers.ts';

const CONDITIONS = path.join(FIXTURES, 'reference', 'voorwaarden.txt');
const LIBRARY = path.join(FIXTURES, 'reference', 'clausulebibliotheek.xlsx');

interface Case {
  name: string;
  policy: string;
  conditions?: string;
  library?: string;
  fields: Record<string, string>;
  flags: string[];
}

const CASES: Case[] = [
  { name: 'CSV, fast', policy: path.join(FIXTURES, 'csv', 'polissen-win1252.csv'), fields: { analysis_mode: 'fast' }, flags: ['--mode', 'fast'] },
  {
    name: 'sample with conditions and library, fast',
    policy: SAMPLE,
    conditions: CONDITIONS,
    library: LIBRARY,
    fields: { analysis_mode: 'fast', cluster_accuracy: '85' },
    flags: ['--mode', 'fast', '--accuracy', '85'],
  },
];

/** Statistieken keys that describe the run rather than its result. */
const RUN_SPECIFIC = /^(Invoerbestand|Starttijd|Tijd .* \(ms\))$/;

type Sheets = Record<string, unknown[][]>;

async function sheets(bytes: Buffer): Promise<Sheets> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const out: Sheets = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    out[sheet.name] = sheet.name === 'Statistieken' ? rows.filter((r) => !RUN_SPECIFIC.test(String(r[0]))) : rows;
  });
  return out;
}

let deployment: QueueDeployment;
let server: RunningServer;
let workers: Workers;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  deployment = await startQueueDeployment();
  ({ server, workers } = deployment);
});

afterAll(async () => {
  await deployment?.stop();
  for (const step of cleanup) await step().catch(() => undefined);
});

async function queued(c: Case) {
  const files: Record<string, FilePart> = { policy_file: { path: c.policy } };
  if (c.conditions) files.conditions_files = { path: c.conditions };
  if (c.library) files.clause_library_files = { path: c.library };
  const { status, json } = await post(`${server.url}/api/analyze`, await form(files, c.fields));
  expect(status).toBe(200);
  const id = json.job_id as string;
  const ended = await waitForJob(server.url, id, 250, 90_000);
  expect(ended.status).toBe('completed');
  const results = (await getJson(`${server.url}/api/results/${id}`)).json;
  const report = Buffer.from(await (await fetch(`${server.url}/api/report/${id}`)).arrayBuffer());
  return { id, results, report };
}

async function viaCli(c: Case) {
  const dir = await tempDir('cc-parity-');
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'report.xlsx');
  const json = path.join(dir, 'summary.json');
  const references = [...(c.conditions ? ['--conditions', c.conditions] : []), ...(c.library ? ['--library', c.library] : [])];
  const run = await cli(['analyze', c.policy, ...references, ...c.flags, '--out', out, '--json', json, '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { report: await fs.readFile(out), summary: JSON.parse(await fs.readFile(json, 'utf8')) };
}

describe('serve --queue on two workers gives the CLI result', () => {
  it('for every case: the same report sheets (run facts aside) and the same rows and figures in the JSON results', async () => {
    // All jobs are submitted at once, so both workers take one.
    const [api, local] = await Promise.all([Promise.all(CASES.map(queued)), Promise.all(CASES.map(viaCli))]);
    for (const [i, c] of CASES.entries()) {
      const fromQueue = await sheets(api[i]!.report);
      const fromCli = await sheets(local[i]!.report);
      expect(Object.keys(fromQueue), c.name).toEqual(['Analyseresultaten', 'Clusters', 'Statistieken']);
      for (const name of Object.keys(fromCli)) expect(fromQueue[name], `${c.name}: sheet ${name}`).toEqual(fromCli[name]);

      const { results } = api[i]!;
      const { summary } = local[i]!;
      const resultRows = fromCli.Analyseresultaten!.slice(1);
      const header = fromCli.Analyseresultaten![0]!.map(String);
      expect(results.results, c.name).toHaveLength(summary.result.rows);
      expect(results.results.map((r: { cluster_id: string }) => r.cluster_id)).toEqual(resultRows.map((r) => r[header.indexOf('Cluster_ID')]));
      expect(results.stats, c.name).toMatchObject({
        total_rows: summary.result.rows,
        unique_clusters: summary.result.clusters,
        reduction_percentage: summary.result.reductionPercent,
        analysis_mode: summary.settings.mode,
        advice_distribution: summary.result.adviceByRow,
      });
    }
    const holders = CASES.map((_, i) => workers.completionsOf(api[i]!.id));
    for (const completedBy of holders) expect(completedBy).toHaveLength(1);
    expect(new Set(holders.map((h) => h[0])).size, 'both workers ran a job').toBe(2);
  }, 150_000);
});
