/**
 * Load on `serve --queue` with 1 and with 2 `clause-cascade worker` processes on a private redis-server: C clients
 * each upload U times in a row while one poller reads GET /api/status without pause. Prints, per worker count, jobs
 * completed, throughput (jobs/min from the first upload to the last job's end), the small jobs' turnaround (upload to
 * end, as the status loop sees it) and status latency p50/p95/max. With `--big file`, one big job (`--partitions K`)
 * is uploaded first and runs among the small ones: do they still flow, and how long does the big one take?
 *
 *   node --import tsx bench/queue/load.ts [--clients 20] [--uploads 3] [--workers 1,2] [--mode fast] [--input file]
 *       [--big file --partitions K] [--lock-seconds 30]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { form } from '../../test/server/helpers.ts';
import { startRedis } from '../../test/queue/redis.ts';
import { Workers } from '../../test/queue/workers.ts';
import { percentile, ROOT, startServe, stopServe, tempDir } from '../server/serve-process.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    uploads: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1,2' },
    mode: { type: 'string', default: 'fast' },
    input: { type: 'string', default: path.join(ROOT, 'fixtures', 'csv', 'polissen-win1252.csv') },
    big: { type: 'string' },
    partitions: { type: 'string', default: '1' },
    // The worker's default; a big job on a loaded machine can hold a worker's event loop longer than a short lock.
    'lock-seconds': { type: 'string', default: '30' },
  },
});
const clients = Number(values.clients);
const uploads = Number(values.uploads);

for (const count of values.workers!.split(',').map(Number)) {
  const redis = await startRedis();
  const server = await startServe(await tempDir('queue-load'), ['--queue', redis.url]);
  const workers = new Workers(redis.url, ['--lock-seconds', values['lock-seconds']!]);
  for (let i = 0; i < count; i++) await workers.start();

  const ids: string[] = [];
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const id = ids[latencies.length % Math.max(ids.length, 1)];
      const t = performance.now();
      await (await fetch(`${server.url}/api/status/${id ?? 'none'}`)).arrayBuffer();
      latencies.push(performance.now() - t);
    }
  })();

  const t0 = performance.now();
  const submitted = new Map<string, number>();
  const upload = async (file: string, fields: Record<string, string>): Promise<string> => {
    const response = await fetch(`${server.url}/api/analyze`, { method: 'POST', body: await form({ policy_file: { path: file } }, fields) });
    if (response.status !== 200) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
    const id = ((await response.json()) as { job_id: string }).job_id;
    submitted.set(id, performance.now());
    return id;
  };
  const big = values.big ? await upload(values.big, { analysis_mode: values.mode!, partitions: values.partitions! }) : null;
  if (big) ids.push(big);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let u = 0; u < uploads; u++) {
        ids.push(await upload(values.input!, { analysis_mode: values.mode! }));
      }
    }),
  );
  let statuses: string[] = [];
  const ended = new Map<string, number>();
  for (;;) {
    statuses = await Promise.all(ids.map(async (id) => ((await (await fetch(`${server.url}/api/status/${id}`)).json()) as { status: string }).status));
    statuses.forEach((s, i) => {
      if ((s === 'completed' || s === 'failed') && !ended.has(ids[i]!)) ended.set(ids[i]!, performance.now());
    });
    if (statuses.every((s) => s === 'completed' || s === 'failed')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const minutes = (performance.now() - t0) / 60_000;
  polling = false;
  await poller;
  const completed = statuses.filter((s) => s === 'completed').length;
  const once = ids.every((id) => workers.completionsOf(id).length === 1);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the workers' completion log lines trail the status
  for (const id of ids.filter((id) => workers.completionsOf(id).length !== 1)) {
    console.log(`${id}${id === big ? ' (big)' : ''} completed by ${workers.completionsOf(id).length} workers:\n${workers.all.map((w) => w.log.split('\n').filter((l) => l.includes(id)).join('\n')).join('\n--\n')}`);
  }
  const turnaround = (id: string) => (ended.get(id)! - submitted.get(id)!) / 1000;
  const small = ids.filter((id) => id !== big).map(turnaround);
  console.log(
    `${count} worker(s): ${completed}/${ids.length} completed, each once: ${once}; ${(completed / minutes).toFixed(1)} jobs/min; ` +
      `small jobs' turnaround p50 ${percentile(small, 50).toFixed(1)} s, max ${Math.max(...small).toFixed(1)} s, all small done after ${Math.max(...ids.filter((id) => id !== big).map((id) => (ended.get(id)! - t0) / 1000)).toFixed(1)} s; ` +
      (big ? `big job (partitions ${values.partitions}) ${statuses[0]} after ${turnaround(big).toFixed(1)} s; ` : '') +
      `status p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} requests`,
  );
  await workers.stopAll();
  await stopServe(server);
  await redis.stop();
}
