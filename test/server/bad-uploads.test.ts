/**
 * Hostile and broken requests (SPEC §14): each is a 4xx with a Dutch `detail`, the server keeps serving, and nothing
 * is written outside the data folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { filesUnder, FIXTURES, form, getJson, post, SAMPLE, tempDir, testServer, waitForJob, zipBomb } from './helpers.ts';

let server: RunningServer;
let base: string;
let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await tempDir('bad');
  dataDir = path.join(root, 'data');
  server = await testServer({ dataDir });
  base = server.url;
});
afterAll(() => server.close());

const analyze = async (files: Parameters<typeof form>[0], fields: Record<string, string> = {}) => post(`${base}/api/analyze`, await form(files, { analysis_mode: 'fast', ...fields }));

async function stillServing(): Promise<void> {
  expect((await getJson(`${base}/api/health/live`)).json).toEqual({ status: 'alive' });
}

async function noJobs(): Promise<void> {
  expect(await fs.readdir(path.join(dataDir, 'jobs'))).toEqual([]);
}

describe('broken workbooks are refused before a job is queued', () => {
  it('refuses a zip bomb, a truncated, a password-protected and a non-workbook xlsx', async () => {
    const bomb = await analyze({ policy_file: { data: await zipBomb(), name: 'bom.xlsx' } });
    expect(bomb).toEqual({ status: 400, json: { detail: 'bom.xlsx bevat uitgepakt meer dan 1 GiB aan gegevens en is daarom niet geopend. Splits de werkmap of exporteer het werkblad als .csv.' } });
    for (const name of ['truncated.xlsx', 'not-a-workbook.xlsx']) {
      const { status, json } = await analyze({ policy_file: { path: path.join(FIXTURES, 'broken', name) } });
      expect(status).toBe(400);
      expect(json.detail).toBe(`${name} is beschadigd of geen geldige .xlsx-werkmap. Open het bestand in Excel en sla het opnieuw op als .xlsx.`);
    }
    const locked = await analyze({ policy_file: { path: path.join(FIXTURES, 'broken', 'password-protected.xlsx') } });
    expect(locked.json.detail).toMatch(/^password-protected\.xlsx is beveiligd met een wachtwoord/);
    const preview = await post(`${base}/api/upload/preview`, await form({ policy_file: { path: path.join(FIXTURES, 'broken', 'truncated.xlsx') } }));
    expect(preview.status).toBe(400);
    await noJobs();
    await stillServing();
  }, 60_000);

  it('refuses a library that is a zip bomb too', async () => {
    const { status, json } = await analyze({ policy_file: { path: SAMPLE }, clause_library_files: { data: await zipBomb(), name: 'bibliotheek.xlsx' } });
    expect(status).toBe(400);
    expect(json.detail).toMatch(/^bibliotheek\.xlsx bevat uitgepakt meer dan 1 GiB/);
    await noJobs();
  }, 60_000);
});

describe('limits and fields', () => {
  it('answers 413 naming a file over 50 MB', async () => {
    const big = Buffer.alloc(60 * 1024 * 1024, 0x41);
    const { status, json } = await analyze({ policy_file: { data: big, name: 'groot.csv' } });
    expect(status).toBe(413);
    expect(json).toEqual({ detail: 'Bestand te groot: groot.csv. Maximum: 50 MB' });
    await noJobs();
    await stillServing();
  });

  it('answers 413 to 10,000 fields', async () => {
    const body = await form({ policy_file: { path: SAMPLE } });
    for (let i = 0; i < 10_000; i++) body.append(`veld${i}`, 'x');
    const { status, json } = await post(`${base}/api/analyze`, body);
    expect(status).toBe(413);
    expect(json).toEqual({ detail: 'Te veel velden of bestanden in het verzoek' });
    await noJobs();
    await stillServing();
  });

  it('refuses a missing or empty policy file with the legacy message', async () => {
    expect(await analyze({})).toEqual({ status: 400, json: { detail: 'Polisbestand is leeg of ontbreekt' } });
    expect(await analyze({ policy_file: { data: '', name: 'leeg.csv' } })).toEqual({ status: 400, json: { detail: 'Polisbestand is leeg of ontbreekt' } });
    expect(await analyze({ conditions_files: { path: path.join(FIXTURES, 'reference', 'voorwaarden.pdf') } })).toEqual({ status: 400, json: { detail: 'Polisbestand is leeg of ontbreekt' } });
  });

  it('refuses wrong file types per field, naming the file and the allowed list', async () => {
    expect(await analyze({ policy_file: { path: path.join(FIXTURES, 'reference', 'voorwaarden.pdf') } })).toEqual({
      status: 400,
      json: { detail: 'Bestandstype niet toegestaan: voorwaarden.pdf. Toegestaan: .xlsx, .csv' },
    });
    expect(await analyze({ policy_file: { path: SAMPLE }, conditions_files: { data: 'MZ', name: 'virus.exe' } })).toEqual({
      status: 400,
      json: { detail: 'Bestandstype niet toegestaan: virus.exe. Toegestaan: .txt, .md, .docx, .pdf' },
    });
    expect((await analyze({ policy_file: { path: SAMPLE }, clause_library_files: { path: path.join(FIXTURES, 'reference', 'voorwaarden.docx') } })).status).toBe(400);
  });

  it.each([
    ['cluster_accuracy', '79', /^Ongeldige waarde voor cluster_accuracy: 79 ligt buiten het bereik; verwacht een geheel getal van 80 tot en met 100$/],
    ['cluster_accuracy', 'negentig', /^Ongeldige waarde voor cluster_accuracy: "negentig" is geen geheel getal/],
    ['min_frequency', '0', /^Ongeldige waarde voor min_frequency: /],
    ['window_size', '1001', /^Ongeldige waarde voor window_size: /],
    ['analysis_mode', 'turbo', /^Ongeldige waarde voor analysis_mode: "turbo" is geen geldige keuze; verwacht fast, balanced, accurate$/],
    ['policy', 'greedy', /^Ongeldige waarde voor policy: /],
    ['use_semantic', 'misschien', /^Ongeldige waarde voor use_semantic: "misschien" is geen booleaanse waarde/],
    ['extra_instruction', 'x'.repeat(10_001), /^Ongeldige waarde voor extra_instruction: langer dan 10\.000 tekens$/],
  ])('answers 422 naming %s', async (field, value, detail) => {
    const { status, json } = await analyze({ policy_file: { path: SAMPLE } }, { [field]: value });
    expect(status).toBe(422);
    expect(json.detail).toMatch(detail);
  });

  it('answers a request that is not multipart with a Dutch 4xx', async () => {
    const response = await fetch(`${base}/api/analyze`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"policy_file":"x"}' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toEqual({ detail: expect.stringMatching(/multipart\/form-data/) });
    await noJobs();
  });
});

describe('file names', () => {
  it('reduces a path-traversal name to a safe base name and writes only inside the data folder', async () => {
    const outside = path.join(root, 'outside');
    await fs.mkdir(outside);
    const traversal = '../../outside/..\\..\\evil<>:|?*.csv';
    const started = await analyze({ policy_file: { path: path.join(FIXTURES, 'csv', 'polissen-win1252.csv'), name: traversal } });
    expect(started.status).toBe(200);
    const status = await waitForJob(base, started.json.job_id);
    expect(status.status).toBe('completed');
    const report = await fetch(`${base}/api/report/${started.json.job_id}`);
    expect(report.headers.get('content-disposition')).toBe('attachment; filename="evil_clause-cascade.xlsx"');
    expect(await filesUnder(outside)).toEqual([]);
    const written = await filesUnder(root);
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(file.startsWith(`data${path.sep}`)).toBe(true);
    expect(await filesUnder(path.join(dataDir, 'jobs', started.json.job_id, 'uploads'))).toEqual([expect.stringMatching(/^00-[0-9a-f]{16}$/)]);
    // Neither next to the server's working folder.
    expect((await fs.readdir(process.cwd())).filter((name) => name.startsWith('evil'))).toEqual([]);
  });
});
