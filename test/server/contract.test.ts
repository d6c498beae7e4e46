/**
 * The HTTP contract of `clause-cascade serve` (SPEC §14) over real HTTP: every route, status code and JSON field,
 * with real multipart uploads of the fixtures (xlsx, csv, pdf, docx).
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { promises as fs } from 'node:fs';
import { encodeSegment, modelKeyFolder } from '../../engine/signals/embeddings/disk-cache.ts';
import { FIXTURES, form, getJson, post, SAMPLE, tempDir, testServer, waitForJob } from './helpers.ts';

const ORIGIN = 'https://clauses.example.nl';
let server: RunningServer;
let base: string;

beforeAll(async () => {
  // The cache routes work on the per-user cache folder: this file gets its own.
  process.env.XDG_CACHE_HOME = await tempDir('cache');
  server = await testServer({ corsOrigins: [ORIGIN] });
  base = server.url;
});
afterAll(() => server.close());

describe('health', () => {
  it.each(['', '/api'])('answers %s/health, /health/live and /health/ready', async (prefix) => {
    const health = await getJson(`${base}${prefix}/health`);
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'healthy', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), version: expect.any(String), environment: 'test' });
    expect(await getJson(`${base}${prefix}/health/live`)).toMatchObject({ status: 200, json: { status: 'alive' } });
    const ready = await getJson(`${base}${prefix}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('ready');
    expect(Object.keys(ready.json.checks).sort()).toEqual(['dataDir', 'embeddingModel', 'queue']);
    expect(ready.json.checks.dataDir).toEqual({ status: 'ready' });
  });

  it('sends the security headers, a request id (echoed when given) and the response time', async () => {
    const response = await fetch(`${base}/api/health`, { headers: { 'X-Request-ID': 'legacy-monitor-42' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-xss-protection')).toBe('0');
    expect(response.headers.get('x-request-id')).toBe('legacy-monitor-42');
    expect(response.headers.get('x-response-time')).toMatch(/^\d+\.\dms$/);
    const other = await fetch(`${base}/api/health`);
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS only for the configured origin', async () => {
    const allowed = await fetch(`${base}/api/health`, { headers: { Origin: ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await fetch(`${base}/api/health`, { headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('upload preview', () => {
  it('reports columns, rows and the detected columns of an xlsx and a Windows-1252 csv', async () => {
    const xlsx = await post(`${base}/api/upload/preview`, await form({ policy_file: { path: SAMPLE } }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.json).toEqual({ columns: ['Polisnummer', 'Product', 'Ingangsdatum', 'Tekst', 'Label', 'Advies_Label', 'Advies_Stap', 'Advies_Bron'], row_count: 2000, text_column: 'Tekst', policy_column: 'Polisnummer' });
    const csv = await post(`${base}/api/upload/preview`, await form({ policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') } }));
    expect(csv.json).toEqual({ columns: ['Polisnummer', 'Vrije Tekst', 'Ingangsdatum'], row_count: expect.any(Number), text_column: 'Vrije Tekst', policy_column: 'Polisnummer' });
  });

  it('refuses an empty file, a missing file and a wrong type in Dutch', async () => {
    expect(await post(`${base}/api/upload/preview`, await form({ policy_file: { data: '', name: 'leeg.xlsx' } }))).toEqual({ status: 400, json: { detail: 'Leeg bestand ontvangen' } });
    expect(await post(`${base}/api/upload/preview`, await form({}, { cluster_accuracy: '90' }))).toEqual({ status: 400, json: { detail: 'Polisbestand is leeg of ontbreekt' } });
    expect(await post(`${base}/api/upload/preview`, await form({ policy_file: { path: path.join(FIXTURES, 'broken', 'policies.ods') } }))).toEqual({
      status: 400,
      json: { detail: 'Bestandstype niet toegestaan: policies.ods. Toegestaan: .xlsx, .csv' },
    });
  });
});

describe('a job from upload to report', () => {
  let jobId: string;
  let status: any;

  beforeAll(async () => {
    const started = await post(
      `${base}/api/analyze`,
      await form(
        {
          policy_file: { path: SAMPLE },
          conditions_files: [{ path: path.join(FIXTURES, 'reference', 'voorwaarden.pdf') }, { path: path.join(FIXTURES, 'reference', 'voorwaarden.docx') }],
          clause_library_files: { path: path.join(FIXTURES, 'reference', 'clausulebibliotheek.xlsx') },
          reference_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv') },
        },
        { cluster_accuracy: '90', min_frequency: '20', window_size: '100', use_conditions: 'true', use_window_limit: 'true', use_semantic: 'false', ai_enabled: 'false', analysis_mode: 'fast', extra_instruction: 'molest -> VERWIJDEREN', policy: 'lossless' },
      ),
    );
    expect(started).toEqual({ status: 200, json: { job_id: expect.any(String), status: 'pending' } });
    jobId = started.json.job_id;
    status = await waitForJob(base, jobId);
  });

  it('reports the completed status with the legacy stats', () => {
    expect(status).toEqual({
      job_id: jobId,
      status: 'completed',
      progress: 100,
      status_message: 'Analyse voltooid!',
      error: null,
      stats: { total_rows: 2000, unique_clusters: expect.any(Number), reduction_percentage: expect.any(Number), multi_clause_count: 0, analysis_mode: 'fast', advice_distribution: expect.any(Object) },
    });
    const adviceRows = Object.values(status.stats.advice_distribution as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(adviceRows).toBe(2000);
  });

  it('returns one result per report row with the legacy fields, matching the Excel report', async () => {
    const { status: code, json } = await getJson(`${base}/api/results/${jobId}`);
    expect(code).toBe(200);
    expect(json.job_id).toBe(jobId);
    expect(json.status).toBe('completed');
    expect(json.stats).toEqual(status.stats);
    expect(json.results).toHaveLength(2000);
    for (const row of json.results) {
      expect(Object.keys(row).sort()).toEqual(['advice_code', 'cluster_id', 'cluster_name', 'confidence', 'frequency', 'original_text', 'parent_id', 'reason', 'reference_article', 'row_type'].sort());
      expect(row.row_type).toBe('SINGLE');
      expect(row.parent_id).toBeNull();
      expect(row.cluster_id).toMatch(/^(CL-\d+|NVT)$/);
    }
    const clusterIds = new Set(json.results.map((r: any) => r.cluster_id).filter((id: string) => id !== 'NVT'));
    expect(clusterIds.size).toBe(status.stats.unique_clusters);
    const clustered = json.results.filter((r: any) => r.cluster_id !== 'NVT').length;
    expect(status.stats.reduction_percentage).toBe(Math.trunc((100 * (clustered - clusterIds.size)) / clustered));

    const response = await fetch(`${base}/api/report/${jobId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="policies_clause-cascade.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Analyseresultaten')!;
    expect(sheet.rowCount).toBe(2001);
    for (const [i, row] of json.results.entries()) {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(2).text).toBe(row.cluster_id);
      expect(cells.getCell(5).text).toBe(row.advice_code);
    }
    const facts = workbook.getWorksheet('Statistieken')!;
    // The input file is named by its upload name, in the job's private work folder.
    expect(facts.getColumn(2).values.map(String).join('\n')).toMatch(/[\\/]policies\.xlsx/);
  });

  it('counts the job in the Prometheus metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/clause_cascade_jobs\{state="completed"\} [1-9]/);
    expect(text).toMatch(/clause_cascade_job_duration_seconds_count\{status="completed"\} [1-9]/);
    expect(text).toMatch(/clause_cascade_rows_analysed_total [1-9]\d{3}/);
    expect(text).toMatch(/clause_cascade_cascade_exits_total\{reason="[a-z.]+"\} [1-9]/);
    expect(text).toMatch(/clause_cascade_signal_evaluations_total\{signal="fuzzy"\} [1-9]/);
    expect(text).toMatch(/clause_cascade_upload_bytes_total [1-9]/);
    expect(text).toMatch(/clause_cascade_process_cpu_seconds_total/);
    expect(text).toMatch(/clause_cascade_process_resident_memory_bytes/);
  });
});

describe('jobs that have not completed', () => {
  it('answers 202 for results and 400 for the report while pending, and DELETE cancels', async () => {
    const body = () => form({ policy_file: { path: SAMPLE } }, { analysis_mode: 'fast' });
    const first = await post(`${base}/api/analyze`, await body());
    const second = await post(`${base}/api/analyze`, await body());
    // One job runs at a time (maxConcurrentJobs 1): the second waits.
    const pending = await getJson(`${base}/api/status/${second.json.job_id}`);
    expect(pending.json).toEqual({ job_id: second.json.job_id, status: 'pending', progress: 0, status_message: expect.any(String), error: null, stats: null });
    expect(await getJson(`${base}/api/results/${second.json.job_id}`)).toMatchObject({ status: 202, json: { detail: expect.stringMatching(/^Resultaten nog niet beschikbaar/) } });
    expect(await getJson(`${base}/api/report/${second.json.job_id}`)).toMatchObject({ status: 400, json: { detail: 'Rapport nog niet beschikbaar' } });
    for (const id of [second.json.job_id, first.json.job_id]) {
      expect((await fetch(`${base}/api/jobs/${id}`, { method: 'DELETE' })).status).toBe(204);
      expect(await getJson(`${base}/api/status/${id}`)).toMatchObject({ status: 404, json: { detail: 'Job niet gevonden' } });
    }
  });

  it('reports a failed job with progress 0, "Analyse mislukt" and a Dutch cause', async () => {
    const started = await post(`${base}/api/analyze`, await form({ policy_file: { path: path.join(FIXTURES, 'broken', 'numbers-only.csv') } }, { analysis_mode: 'fast' }));
    const status = await waitForJob(base, started.json.job_id);
    expect(status).toEqual({ job_id: started.json.job_id, status: 'failed', progress: 0, status_message: 'Analyse mislukt', error: expect.stringContaining('numbers-only.csv heeft geen kolom met clausuleteksten'), stats: null });
    expect(status.error).not.toContain('/');
    expect(await getJson(`${base}/api/results/${started.json.job_id}`)).toMatchObject({ status: 400, json: { detail: expect.stringMatching(/^Analyse mislukt: /) } });
    expect(await getJson(`${base}/api/report/${started.json.job_id}`)).toMatchObject({ status: 400, json: { detail: 'Rapport nog niet beschikbaar' } });
  });

  it.each(['status', 'results', 'report'])('answers 404 "Job niet gevonden" for an unknown id on /api/%s', async (route) => {
    for (const id of ['invalid-job-id-12345', '00000000-0000-4000-8000-000000000000', '..%2F..%2Fetc%2Fpasswd']) {
      expect(await getJson(`${base}/api/${route}/${id}`)).toEqual({ status: 404, json: { detail: 'Job niet gevonden' }, headers: expect.anything() });
    }
    expect((await fetch(`${base}/api/jobs/invalid-job-id-12345`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('cache, OpenAPI', () => {
  it('serves the legacy cache routes over the vector cache', async () => {
    const stats = await getJson(`${base}/api/cache/stats`);
    expect(stats.status).toBe(200);
    expect(stats.json).toMatchObject({ status: 'ok', total_entries: 0, models: [], loaded_models: [] });
    const folder = modelKeyFolder(stats.json.cache_dir, 'test-model@fp32');
    await fs.mkdir(folder, { recursive: true });
    const vectors: Array<[string, Float32Array]> = [0, 1, 2].map((i) => [String(i).padStart(32, 'x'), new Float32Array([i, 1])]);
    await fs.writeFile(path.join(folder, 'seg-0000000000001-1-aa.ccv'), encodeSegment('test-model@fp32', 2, vectors));
    await fs.writeFile(path.join(folder, 'seg-0000000000002-1-bb.ccv'), encodeSegment('test-model@fp32', 2, vectors.slice(0, 1)));
    const filled = await getJson(`${base}/api/cache/stats`);
    expect(filled.json).toMatchObject({ total_entries: 4, models: [{ key: path.basename(folder), model: 'test-model@fp32', segments: 2, entries: 4 }] });
    const cleared = await fetch(`${base}/api/cache/${path.basename(folder)}`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ status: 'ok', message: expect.any(String), cleared_count: 4 });
    await fs.writeFile(path.join(folder, 'seg-0000000000003-1-cc.ccv'), encodeSegment('test-model@fp32', 2, vectors));
    const all = await fetch(`${base}/api/cache/clear`, { method: 'POST' });
    expect(await all.json()).toEqual({ status: 'ok', message: expect.any(String), cleared_count: 3 });
    expect((await getJson(`${base}/api/cache/stats`)).json.total_entries).toBe(0);
    const unknown = await fetch(`${base}/api/cache/no-such-model`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Cache-sleutel niet gevonden' });
  });

  it('describes every route in OpenAPI 3', async () => {
    const { json } = await getJson(`${base}/api/openapi.json`);
    expect(json.openapi).toMatch(/^3\./);
    const routes = Object.entries(json.paths as Record<string, object>).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    for (const route of [
      'POST /api/upload/preview',
      'POST /api/analyze',
      'GET /api/status/{job_id}',
      'GET /api/results/{job_id}',
      'GET /api/report/{job_id}',
      'DELETE /api/jobs/{job_id}',
      'GET /health',
      'GET /api/health/ready',
      'GET /api/cache/stats',
      'POST /api/cache/clear',
      'DELETE /api/cache/{key}',
      'GET /metrics',
    ]) {
      expect(routes).toContain(route);
    }
  });
});
