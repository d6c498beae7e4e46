// "New Experiment Notebook" analyses in the mode of the user's settings, as "Analyze Policy File" does, and says so.
import { describe, expect, it } from 'vitest';
import { MODES } from '../../../engine/config/settings.ts';
import { experimentNotebook } from '../../../extension/src/notebook/template.ts';

const text = (source: string | string[]) => (Array.isArray(source) ? source.join('') : source);

describe('experiment notebook template', () => {
  it.each(MODES)('analyses and experiments in %s mode when the settings say so', (mode) => {
    const notebook = experimentNotebook('policies', '../policies.xlsx', mode);
    const code = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => text(c.source));
    expect(code[0]).toContain(`engine.analyze(ctx.file, { policy: 'full', mode: "${mode}" })`);
    const config = JSON.parse(code.at(-1)!) as { experiment: { settings: { mode: string }; dataset: { workbook: string } } };
    expect(config.experiment.settings.mode).toBe(mode);
    expect(config.experiment.dataset.workbook).toBe('../policies.xlsx');
    expect(text(notebook.cells[0]!.source)).toContain(`\`${mode}\` mode, taken from your \`clauseCascade.mode\` setting`);
    for (const other of MODES.filter((m) => m !== mode)) expect(code.join('\n')).not.toContain(`"${other}"`);
  });

  it("marks its config cell as JSON for VS Code's ipynb editor, and only that cell", () => {
    const code = experimentNotebook('policies', '../policies.xlsx', 'balanced').cells.filter((c) => c.cell_type === 'code');
    expect(code.at(-1)!.metadata).toEqual({ vscode: { languageId: 'json' } });
    for (const cell of code.slice(0, -1)) expect(cell.metadata).toEqual({});
  });
});
