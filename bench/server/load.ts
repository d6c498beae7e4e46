/**
 * Load on `clause-cascade serve`, measured with autocannon: N clients upload the sample workbook at once; while the
 * jobs run, M connections hammer GET /api/status. Prints upload and status latency (p50/p95/p99), jobs completed,
 * whether every report equals a CLI run on the same input (none lost or mixed up), and peak resident memory.
 *
 *   node --import tsx bench/server/load.ts [--clients 20] [--max-concurrent-jobs 2] [--mode balanced] [--status-connections 10]
 */
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cliReportRows, mb, percentile, reportRows, RssSampler, SAMPLE, startServe, stopServe, tempDir } from './serve-process.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    'max-concurrent-jobs': { type: 'string', default: '2' },
    mode: { type: 'string', default: 'balanced' },
    'status-connections': { type: 'string', default: '10' },
  },
});
const clients = Number(values.clients);
const mode = values.mode!;

console.log(`CLI reference run (${mode})...`);
const expected = await cliReportRows(SAMPLE, mode);

const dataDir = await tempDir('load');
const server = await startServe(dataDir, ['--max-concurrent-jobs', values['max-concurrent-jobs']!]);
const rss = new RssSampler(server.child.pid!);
console.log(`serve on ${server.url} (started in ${server.startMs.toFixed(0)} ms), ${clients} clients uploading ${SAMPLE}`);

const jobIds: string[] = [];
const uploadLatencies: number[] = [];
const t0 = performance.now();
const uploads = autocannon({
  url: `${server.url}/api/analyze`,
  method: 'POST',
  connections: clients,
  amount: clients,
  timeout: 60,
  form: { policy_file: { type: 'file', path: SAMPLE }, analysis_mode: { type: 'text', value: mode } },
  requests: [{ onResponse: (status, body) => status === 200 && jobIds.push((JSON.parse(body) as { job_id: string }).job_id) }],
});
uploads.on('response', (_client, _status, _bytes, ms) => uploadLatencies.push(ms));
const uploadResult = await uploads;
console.log(`uploads: ${uploadResult['2xx']}/${clients} accepted, ${uploadResult.non2xx} refused, ${uploadResult.errors} errors; latency p50 ${percentile(uploadLatencies, 50).toFixed(1)} ms, p95 ${percentile(uploadLatencies, 95).toFixed(1)} ms, max ${Math.max(...uploadLatencies).toFixed(1)} ms`);

async function statuses(): Promise<Map<string, string>> {
  const all = await Promise.all(jobIds.map(async (id) => [id, ((await (await fetch(`${server.url}/api/status/${id}`)).json()) as { status: string }).status] as const));
  return new Map(all);
}
const ended = (map: Map<string, string>) => [...map.values()].every((s) => s === 'completed' || s === 'failed');

// Status load while the jobs run, in rounds of 5 s until every job has ended.
const statusLatencies: number[] = [];
let statusRequests = 0;
let statusErrors = 0;
let rounds = 0;
while (!ended(await statuses())) {
  const instance = autocannon({
    url: server.url,
    connections: Number(values['status-connections']),
    duration: 5,
    requests: jobIds.map((id) => ({ method: 'GET', path: `/api/status/${id}` })),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) statusLatencies.push(ms);
    else statusErrors++;
  });
  const result = await instance;
  statusRequests += result.requests.total;
  rounds++;
}
const wallSeconds = (performance.now() - t0) / 1000;
rss.stop();

const final = await statuses();
const completed = [...final.values()].filter((s) => s === 'completed').length;
let identical = 0;
const differing: string[] = [];
for (const id of jobIds) {
  if (final.get(id) !== 'completed') continue;
  const rows = await reportRows(Buffer.from(await (await fetch(`${server.url}/api/report/${id}`)).arrayBuffer()));
  const results = ((await (await fetch(`${server.url}/api/results/${id}`)).json()) as { results: Array<{ cluster_id: string; cluster_name: string; advice_code: string }> }).results;
  const fromResults = results.map((r) => `${r.cluster_id}\t${r.cluster_name}\t${r.advice_code}`);
  if (JSON.stringify(rows) === JSON.stringify(expected) && JSON.stringify(fromResults) === JSON.stringify(expected)) identical++;
  else differing.push(id);
}
await stopServe(server);
await fs.rm(dataDir, { recursive: true, force: true });

console.log('');
console.log(`jobs: ${jobIds.length} accepted, ${completed} completed, ${jobIds.length - completed} not completed; wall ${wallSeconds.toFixed(1)} s for all`);
console.log(`reports equal to the CLI run (cluster id, name, advice of all ${expected.length} rows, report and /api/results): ${identical}/${completed}${differing.length ? ` — differing: ${differing.join(', ')}` : ''}`);
console.log(`GET /api/status while jobs ran: ${statusRequests} requests in ${rounds} rounds of 5 s, ${statusErrors} non-200; latency p50 ${percentile(statusLatencies, 50).toFixed(2)} ms, p95 ${percentile(statusLatencies, 95).toFixed(2)} ms, p99 ${percentile(statusLatencies, 99).toFixed(2)} ms, max ${statusLatencies.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms`);
console.log(`peak RSS: server process ${mb(rss.peakServer)}, server + analysis processes ${mb(rss.peakTotal)}`);
