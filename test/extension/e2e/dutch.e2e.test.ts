// The extension in Dutch in real VS Code: code-server started with `--locale nl` and a Dutch language pack (the test
// fixture test/e2e-vscode/language-pack-nl, as no real pack can be downloaded here). Commands, the progress
// notification, the summary and warning toasts (the engine's warning text included), the Settings editor and the tuning
// view read Dutch, numbers are formatted the Dutch way, in light and dark themes (screenshots in
// test-results/e2e-vscode/). English without the pack: extension.e2e.test.ts and tuning.e2e.test.ts.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCodeServer, type CodeServerSession } from '../../e2e-vscode/harness.ts';
import { EXTENSION_ID, expectHeaderOnlyWarning, packageClauseCascade, packageDutchLanguagePack, RESULTS, writeHeaderOnlyWorkbook } from './helpers.ts';

const SAMPLE = path.join(REPO_ROOT, 'fixtures', 'sample', 'policies.xlsx');
const DUTCH_STAGES = /Starten|Werkmap inlezen|Teksten voorbereiden|Clausules groeperen|Advies per groep|Rapport schrijven/;
const ENGLISH_STAGES = /Starting|Reading the workbook|Preparing the texts|Grouping clauses|Advising per group|Writing the report/;
const manifestTexts = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'extension', file), 'utf8')) as Record<string, string>;
/** The Settings editor's own command: its palette title is translated by a real language pack, its id is not. */
const OPEN_SETTINGS_UI = 'workbench.action.openSettings2';
const CLOSE_EDITOR = 'workbench.action.closeActiveEditor';
const CLEAR_NOTIFICATIONS = 'notifications.clearAll';

describe('Clause Cascade in Dutch (code-server --locale nl with a language pack)', { timeout: 300_000 }, () => {
  let workspace = '';
  let vscode: CodeServerSession;

  beforeAll(async () => {
    const vsix = [await packageClauseCascade(), packageDutchLanguagePack()];
    workspace = mkdtempSync(path.join(tmpdir(), 'cc-e2e-nl-ws-'));
    copyFileSync(SAMPLE, path.join(workspace, 'policies.xlsx'));
    await writeHeaderOnlyWorkbook(path.join(workspace, 'leeg.xlsx'));
    vscode = await startCodeServer({
      folder: workspace,
      vsix,
      locale: 'nl',
      commandIds: [OPEN_SETTINGS_UI, CLOSE_EDITOR, CLEAR_NOTIFICATIONS],
      viewport: { width: 1280, height: 800 },
      settings: { 'clauseCascade.referenceDate': '2025-01-01', 'workbench.colorTheme': 'Default Light Modern' },
    });
  }, 600_000);

  afterAll(async () => {
    await vscode?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('the workbench and our commands are Dutch; an analysis shows Dutch progress and a Dutch summary', async () => {
    // The language pack is active: the one workbench string it translates (the Explorer's title) is Dutch.
    expect(await vscode.page.locator('.sidebar .title-label').first().innerText()).toMatch(/^Verkenner$/i);
    await vscode.runCommand('Clause Cascade: Polisbestand analyseren');
    await vscode.pickQuickItem('policies.xlsx');
    await vscode.pickQuickItem(/^Instellingen gebruiken/, { filter: 'Instellingen gebruiken' });
    const progress = await vscode.waitForNotification(/Clause Cascade: policies\.xlsx/, { timeoutMs: 30_000 });
    const seen = new Set<string>();
    const summary = vscode.page.locator('.notifications-toasts .notification-toast').filter({ hasText: /rijen → .* groepen/ });
    for (let i = 0; i < 1200 && (await summary.count()) === 0; i++) {
      const text = await progress.locator.innerText({ timeout: 1000 }).catch(() => '');
      if (text) seen.add(text);
      if (seen.size === 1 && DUTCH_STAGES.test(text)) await vscode.screenshot(path.join(RESULTS, 'nl-progress.png'));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const progressTexts = [...seen];
    expect(progressTexts.some((text) => DUTCH_STAGES.test(text)), progressTexts.join(' | ')).toBe(true);
    expect(progressTexts.filter((text) => ENGLISH_STAGES.test(text))).toEqual([]);
    const text = await summary.first().innerText();
    expect(text).toMatch(/2\.000 rijen → [\d.]+ groepen \(\d+,\d% reductie\) in \d+,\d s\./);
    expect(text).toMatch(/Rapport openen/);
    expect(await summary.first().locator('.codicon-warning').count()).toBe(0);
    await vscode.screenshot(path.join(RESULTS, 'nl-summary.png'));
  });

  it('a header-only workbook gives a Dutch warning toast, not the information toast', async () => {
    await expectHeaderOnlyWarning(vscode, 'leeg.xlsx', {
      analyzeCommand: 'Clause Cascade: Polisbestand analyseren',
      useSettings: 'Instellingen gebruiken',
      warning: /werkblad "Polissen" heeft een kopregel \(rij 1\) maar geen gegevensrijen/,
      toast: /^Clause Cascade: Waarschuwing: leeg\.xlsx, werkblad "Polissen" heeft een kopregel \(rij 1\) maar geen gegevensrijen; het rapport wordt leeg\. (\(\+\d+ meer in het logboek\) )?0 rijen → 0 groepen/,
      screenshot: 'nl-warning.png',
    });
  });

  it('the Settings editor shows our settings with their Dutch descriptions', async () => {
    const dutch = manifestTexts('package.nls.nl.json');
    const english = manifestTexts('package.nls.json');
    await vscode.executeCommand(CLEAR_NOTIFICATIONS); // the earlier tests' toasts would cover the editor
    await vscode.executeCommand(OPEN_SETTINGS_UI);
    const editor = vscode.page.locator('.settings-editor');
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await editor.locator('.settings-header .suggest-input-container .monaco-editor').first().click();
    await vscode.page.keyboard.type('clauseCascade');
    for (const name of ['mode', 'threads']) {
      const description = dutch[`configuration.${name}.description`]!;
      expect(description).not.toBe(english[`configuration.${name}.description`]);
      if (name === 'threads') {
        // The list shows only the rows in view: narrow the search to reach a setting far down.
        await vscode.page.keyboard.type('.threads');
      }
      const row = editor.locator('.setting-item-contents').filter({ has: vscode.page.locator('.setting-item-description', { hasText: description }) });
      await row.first().waitFor({ state: 'visible', timeout: 30_000 });
      expect((await row.first().locator('.setting-item-description').innerText()).trim()).toBe(description);
      if (name === 'mode') await vscode.screenshot(path.join(RESULTS, 'nl-settings.png'));
    }
    expect(await editor.locator('.setting-item-description').filter({ hasText: english['configuration.mode.description']! }).count()).toBe(0);
    await vscode.executeCommand(CLOSE_EDITOR);
    await editor.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('the tuning view is Dutch in the light and the dark theme', async () => {
    await vscode.runCommand('Clause Cascade: Drempels afstemmen');
    await vscode.pickQuickItem('policies.xlsx');
    const frame = await vscode.webviewFrame({ contains: '#update-ms[data-ms]', extensionId: EXTENSION_ID, timeoutMs: 120_000 });
    await frame.locator('#chart-combined svg').first().waitFor({ state: 'visible' });
    expect(await frame.locator('h1').innerText()).toBe('Drempels afstemmen: policies.xlsx');
    expect(await frame.locator('label[for="label-column"]').innerText()).toBe('Labelkolom (bedoelde groepen)');
    expect(await frame.locator('#save').innerText()).toBe('Opslaan in werkruimte-instellingen');
    expect(await frame.locator('header .muted').first().innerText()).toMatch(/^[\d.]+ kandidaatparen vergeleken door het volledige beleid in modus balanced; [\d.]+ bewaard voor afstemming\. Signalen: /);
    expect(await frame.locator('[data-metric="thresholds"]').innerText()).toMatch(/^t = 0,90, fase 2 = 0,\d\d, poort = 0,\d\d$/);
    expect(await frame.locator('[data-metric="accepted"]').innerText()).toMatch(/^[\d.]+ van [\d.]+ \(\d+,\d\s?%\)$/);
    expect(await frame.locator('[data-metric="f1"]').innerText()).toMatch(/^\d,\d{3} \(P \d,\d{3}, R \d,\d{3}\); basislijn \d,\d{3}$|^geen labelkolom gekozen$/);
    expect(await frame.locator('#update-ms').innerText()).toMatch(/^bijgewerkt in \d+[.,]\d ms$/);
    const combined = await frame.locator('#chart-combined svg').innerHTML();
    expect(combined).toContain('Gecombineerde score fase 1');
    expect(combined).toContain('>1.000<'); // the count axis groups thousands the Dutch way
    expect(combined).toMatch(/>(geaccepteerd|zelfde label)</); // the legend names the splits in Dutch
    expect(combined).not.toMatch(/>(accepted|same label)</);
    await vscode.screenshot(path.join(RESULTS, 'nl-tuning-light.png'));

    await vscode.runCommand('Preferences: Color Theme');
    await vscode.pickQuickItem('Dark Modern');
    for (let i = 0; i < 100 && (await frame.locator('body.vscode-dark').count()) === 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await frame.locator('body.vscode-dark').count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await frame.locator('#chart-combined svg').innerHTML()).toContain('Gecombineerde score fase 1');
    expect(await frame.locator('#reset').innerText()).toBe('Terug naar basislijn');
    await vscode.screenshot(path.join(RESULTS, 'nl-tuning-dark.png'));
  });
});
