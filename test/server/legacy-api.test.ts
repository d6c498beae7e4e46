/**
 * The legacy tool's own API integration tests (tests/integration/test_api.py of its public repository), request
 * for request, with their in-process client swapped for real HTTP against `serve`; then the legacy React front end's
 * call sequence (src/lib/api.ts): the form it builds, upload → status every 1.5 s → results → report, from its dev
 * origin, so the CORS answers a browser would check are asserted too.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, SAMPLE, testServer } from './helpers.ts';

const FRONT_END = 'http://localhost:8080';
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await testServer({ corsOrigins: [FRONT_END] });
  base = server.url;
});
afterAll(() => server.close());

const get = (route: string) => fetch(`${base}${route}`);
const json = (response: Response): Promise<any> => response.json();

describe('legacy tests/integration/test_api.py', () => {
  describe('TestHealthEndpoints', () => {
    it('test_health_returns_200', async () => {
      const response = await get('/api/health');
      expect(response.status).toBe(200);
      const data = await json(response);
      expect(data.status).toBe('healthy');
      expect(data).toHaveProperty('version');
      expect(data).toHaveProperty('environment');
      expect(data).toHaveProperty('timestamp');
    });

    it('test_liveness_returns_alive', async () => {
      const response = await get('/api/health/live');
      expect(response.status).toBe(200);
      expect((await json(response)).status).toBe('alive');
    });

    it('test_readiness_returns_status', async () => {
      const response = await get('/api/health/ready');
      expect([200, 503]).toContain(response.status);
      const data = await json(response);
      expect(data).toHaveProperty('status');
      expect(data).toHaveProperty('checks');
    });
  });

  describe('TestSecurityHeaders', () => {
    it('test_security_headers_present', async () => {
      const response = await get('/api/health');
      expect(response.headers.has('X-Frame-Options')).toBe(true);
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
      expect(response.headers.has('X-Content-Type-Options')).toBe(true);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.has('X-XSS-Protection')).toBe(true);
    });

    it('test_request_id_header', async () => {
      expect((await get('/api/health')).headers.has('X-Request-ID')).toBe(true);
    });
  });

  describe('TestCacheEndpoints', () => {
    it('test_cache_stats', async () => {
      const response = await get('/api/cache/stats');
      expect(response.status).toBe(200);
      const data = await json(response);
      expect('total_entries' in data || 'status' in data).toBe(true);
    });
  });

  describe('TestAnalysisEndpoints', () => {
    it('test_status_invalid_job_id', async () => {
      expect((await get('/api/status/invalid-job-id-12345')).status).toBe(404);
    });
    it('test_results_invalid_job_id', async () => {
      expect((await get('/api/results/invalid-job-id-12345')).status).toBe(404);
    });
    it('test_report_invalid_job_id', async () => {
      expect((await get('/api/report/invalid-job-id-12345')).status).toBe(404);
    });
  });
});

describe('legacy front end call sequence', () => {
  /** The front end's request: its form fields in its order, from its origin. */
  async function legacyForm(): Promise<FormData> {
    const body = new FormData();
    body.append('policy_file', new Blob([await fs.readFile(SAMPLE)]), 'policies.xlsx');
    const conditions = ['voorwaarden.pdf', 'voorwaarden.txt'];
    for (const name of conditions) body.append('conditions_files', new Blob([await fs.readFile(path.join(FIXTURES, 'reference', name))]), name);
    body.append('clause_library_files', new Blob([await fs.readFile(path.join(FIXTURES, 'reference', 'clausulebibliotheek.xlsx'))]), 'clausulebibliotheek.xlsx');
    body.append('cluster_accuracy', '90');
    body.append('min_frequency', '20');
    body.append('window_size', '100');
    body.append('use_conditions', String(conditions.length > 0));
    body.append('use_window_limit', String(true));
    body.append('ai_enabled', String(false));
    body.append('analysis_mode', 'fast');
    body.append('extra_instruction', '');
    return body;
  }

  const fromFrontEnd = async (route: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${route}`, { ...init, headers: { Origin: FRONT_END } });
    // What the browser checks before handing the response to the page.
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
    return response;
  };

  it('uploads, polls the status every 1.5 s, reads the results and downloads the report', async () => {
    const start = await fromFrontEnd('/api/analyze', { method: 'POST', body: await legacyForm() });
    expect(start.ok).toBe(true);
    const { job_id, status } = await json(start);
    expect(status).toBe('pending');

    const seen: Array<{ status: string; progress: number; status_message: string }> = [];
    let last: any;
    for (;;) {
      const response = await fromFrontEnd(`/api/status/${job_id}`);
      expect(response.ok).toBe(true);
      last = await json(response);
      seen.push({ status: last.status, progress: last.progress, status_message: last.status_message });
      if (last.status === 'completed' || last.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    expect(last.status).toBe('completed');
    expect(last.error).toBeNull();
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.progress).toBeGreaterThanOrEqual(seen[i - 1]!.progress);
    expect(Object.keys(last.stats).sort()).toEqual(['advice_distribution', 'analysis_mode', 'multi_clause_count', 'reduction_percentage', 'total_rows', 'unique_clusters']);

    const results = await fromFrontEnd(`/api/results/${job_id}`);
    expect(results.status).toBe(200);
    const body = await json(results);
    expect(body.results).toHaveLength(last.stats.total_rows);
    expect(body.results[0]).toEqual({
      cluster_id: expect.any(String),
      cluster_name: expect.any(String),
      frequency: expect.anything(),
      advice_code: expect.any(String),
      confidence: expect.any(String),
      reason: expect.any(String),
      reference_article: expect.any(String),
      original_text: expect.any(String),
      row_type: 'SINGLE',
      parent_id: null,
    });

    const report = await fromFrontEnd(`/api/report/${job_id}`);
    expect(report.ok).toBe(true);
    const blob = await report.blob();
    expect(blob.size).toBeGreaterThan(10_000);
    expect(Buffer.from(await blob.slice(0, 2).arrayBuffer()).toString('latin1')).toBe('PK');
  }, 120_000);

  it('shows the server detail when the upload is refused (safeParseError reads detail)', async () => {
    const body = new FormData();
    body.append('policy_file', new Blob([]), 'leeg.xlsx');
    const response = await fromFrontEnd('/api/analyze', { method: 'POST', body });
    expect(response.ok).toBe(false);
    expect(typeof (await json(response)).detail).toBe('string');
  });
});
