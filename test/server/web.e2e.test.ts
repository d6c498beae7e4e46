/**
 * The web page in a real browser (Debian's chromium through playwright-core): upload the sample workbook, see the
 * progress and the results table grouped by cluster, sort and filter it, download the report. Screenshots go to
 * test-results/server-web (not committed).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../engine/server/app.ts';
import { FIXTURES, ROOT, SAMPLE, testServer } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const SHOTS = path.join(ROOT, 'test-results', 'server-web');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await testServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  await fs.mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('web page', () => {
  it('uploads the sample, shows progress and the grouped table, sorts, filters and downloads the report', async () => {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(server.url);
    await page.setInputFiles('#policy', SAMPLE);
    await page.setInputFiles('#conditions', path.join(FIXTURES, 'reference', 'voorwaarden.docx'));
    await page.selectOption('#mode', 'fast');
    await page.fill('#accuracy', '92');
    await page.click('#start');

    await page.waitForSelector('#progress-panel:not([hidden])');
    await page.screenshot({ path: path.join(SHOTS, '1-progress.png') });
    await page.waitForSelector('#results:not([hidden])', { timeout: 90_000 });
    expect(await page.textContent('#status-message')).toBe('Analyse voltooid! (100%)');
    await page.screenshot({ path: path.join(SHOTS, '2-results.png'), fullPage: false });

    const stats = await page.locator('#stats dd').allTextContents();
    expect(stats[0]).toBe('2000');
    const clusters = Number(stats[1]);
    expect(clusters).toBeGreaterThan(50);
    const shown = await page.textContent('#shown');
    expect(shown).toMatch(/^\d+ clusters, 2000 rijen$/);
    expect(await page.locator('tr.member').count()).toBe(2000);

    // Sorting by frequency, twice: the largest cluster comes first.
    await page.click('th[data-sort="frequency"]');
    await page.click('th[data-sort="frequency"]');
    expect(await page.getAttribute('th[data-sort="frequency"]', 'aria-sort')).toBe('descending');
    const frequencies = (await page.locator('tr.cluster td:nth-child(3)').allTextContents()).map(Number);
    expect(frequencies).toEqual([...frequencies].sort((a, b) => b - a));

    // Filtering by an advice keeps only its rows.
    const advice = (await page.locator('#filter-advice option').allTextContents())[1]!;
    await page.selectOption('#filter-advice', advice);
    const filtered = await page.locator('tr.member td:nth-child(4)').allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(new Set(filtered)).toEqual(new Set([advice]));
    await page.fill('#filter-text', 'zzz-geen-treffer-zzz');
    expect(await page.locator('tr.member').count()).toBe(0);
    await page.fill('#filter-text', '');
    await page.screenshot({ path: path.join(SHOTS, '3-filtered.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('policies_clause-cascade.xlsx');
    const saved = path.join(SHOTS, download.suggestedFilename());
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    expect(workbook.getWorksheet('Analyseresultaten')!.rowCount).toBe(2001);
    expect(workbook.getWorksheet('Clusters')!.rowCount).toBe(clusters + 1);
    expect(problems).toEqual([]);
  }, 150_000);

  it('shows the Dutch detail of a refused upload', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.setInputFiles('#policy', { name: 'leeg.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.click('#start');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toBe('Polisbestand is leeg of ontbreekt');
    await page.screenshot({ path: path.join(SHOTS, '4-error.png') });
  });
});
