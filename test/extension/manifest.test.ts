// extension/package.json stays in sync with the engine's SETTING_SPECS and declares the promised surface.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_SPECS } from '../../engine/config/settings.ts';
import { manifestWithDerivedParts, nlsWithDerivedParts } from '../../extension/src/config/manifest.ts';
import { EXTENSION_SETTINGS } from '../../extension/src/config/contributes.ts';

const manifest = JSON.parse(readFileSync(new URL('../../extension/package.json', import.meta.url), 'utf8'));
const nls = (file: string) => JSON.parse(readFileSync(new URL(`../../extension/${file}`, import.meta.url), 'utf8')) as Record<string, string>;
const rootPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('extension/package.json', () => {
  it('has contributes.configuration generated from SETTING_SPECS (run extension/scripts/sync-configuration.mjs)', () => {
    expect(manifest).toEqual(manifestWithDerivedParts(manifest));
    const properties = manifest.contributes.configuration.properties;
    for (const [name, spec] of Object.entries(SETTING_SPECS)) {
      expect(properties[`clauseCascade.${name}`], name).toBeDefined();
      expect(properties[`clauseCascade.${name}`].default, name).toEqual(spec.default);
    }
    for (const extra of ['conditions', 'library', 'instructions']) expect(properties[`clauseCascade.${extra}`]).toBeDefined();
  });

  it('gives every setting an English and a Dutch description through package.nls(.nl).json, generated in sync', () => {
    const english = nls('package.nls.json');
    const dutch = nls('package.nls.nl.json');
    expect(english).toEqual(nlsWithDerivedParts(english, 'en'));
    expect(dutch).toEqual(nlsWithDerivedParts(dutch, 'nl'));
    const properties = manifest.contributes.configuration.properties;
    const names = [...Object.keys(SETTING_SPECS), ...Object.keys(EXTENSION_SETTINGS)];
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) {
      const key = /^%(.+)%$/.exec(properties[`clauseCascade.${name}`].description)?.[1];
      expect(key, `${name}: description is a %key%`).toBeDefined();
      expect(english[key!], `${name}: English text`).toBe(name in SETTING_SPECS ? SETTING_SPECS[name as keyof typeof SETTING_SPECS].description : EXTENSION_SETTINGS[name]!.description);
      expect(dutch[key!], `${name}: Dutch text`).toMatch(/\S/);
      expect(dutch[key!], `${name}: Dutch text differs from the English`).not.toBe(english[key!]);
    }
  });

  it('declares commands with a category, menus for workbooks, the task type and limited untrusted support', () => {
    const commands = manifest.contributes.commands.map((c: { command: string; category: string }) => [c.command, c.category]);
    expect(commands).toEqual(expect.arrayContaining([
      ['clauseCascade.analyzePolicyFile', 'Clause Cascade'],
      ['clauseCascade.tuneThresholds', 'Clause Cascade'],
      ['clauseCascade.runExperiment', 'Clause Cascade'],
    ]));
    const when = manifest.contributes.menus['explorer/context'][0].when as string;
    const regex = new RegExp(/\/(.*)\/i/.exec(when)![1]!, 'i');
    expect(['.xlsx', '.XLS', '.csv'].every((e) => regex.test(e))).toBe(true);
    expect(regex.test('.json')).toBe(false);
    expect(manifest.contributes.taskDefinitions[0].type).toBe('clause-cascade');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.90.0');
  });

  it('lists only activation events VS Code allows this extension (onNotebook only for its own notebook types)', () => {
    const ownTypes = new Set(manifest.contributes.notebooks.map((n: { type: string }) => n.type));
    for (const event of manifest.activationEvents as string[]) {
      // VS Code generates onNotebookSerializer: events itself and flags a listed one as an error in the Problems panel
      expect(event).not.toMatch(/^onNotebookSerializer:/);
      const notebook = /^onNotebook(?:Serializer)?:(.+)$/.exec(event);
      if (notebook) expect(ownTypes.has(notebook[1]), event).toBe(true);
    }
  });

  it('never competes with VS Code\'s ipynb editor for a default: a .ipynb pattern of ours is only an "Open With" option', () => {
    for (const notebook of manifest.contributes.notebooks as { type: string; selector: { filenamePattern: string }[]; priority?: string }[]) {
      const claimsIpynb = notebook.selector.some((s) => s.filenamePattern.endsWith('.ipynb'));
      // A missing priority means "default" too.
      if (claimsIpynb) expect(notebook.priority, notebook.type).toBe('option');
    }
  });

  it('carries the engine version (the worker reports it from this manifest)', () => {
    expect(manifest.version).toBe(rootPackage.version);
  });
});
