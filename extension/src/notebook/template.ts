/**
 * The starting point of "New Experiment Notebook": a notebook that loads one workbook and shows its clusters, in the
 * mode of the user's settings, so it groups the workbook as "Analyze Policy File" does (the `full` policy it uses as
 * the baseline gives the same clusters as the default `lossless`).
 */
import type { Mode } from '../../../engine/config/settings.ts';
import { newNotebook, type Notebook } from '../../../engine/experiment/notebook.ts';

/** `workbook`: the workbook's path relative to the notebook's folder, with forward slashes; `mode`: clauseCascade.mode. */
export function experimentNotebook(name: string, workbook: string, mode: Mode): Notebook {
  const file = JSON.stringify(workbook);
  const modeText = JSON.stringify(mode);
  return newNotebook([
    {
      type: 'markdown',
      source:
        `# ${name}\n\n` +
        `An experiment on \`${workbook}\`. Code cells are JavaScript with \`engine\`, \`ctx\`, \`display\` and \`console\` in\n` +
        'scope (the last line\'s value is shown); keep state on `ctx` — later cells reuse it until **Restart Kernel**.\n' +
        'Run it headless with `node bin/clause-cascade.js notebook run <this file>`.\n\n' +
        `The analysis runs in \`${mode}\` mode, taken from your \`clauseCascade.mode\` setting when the notebook was made, ` +
        'as **Analyze Policy File** does; change `mode` below to compare.',
    },
    {
      type: 'code',
      source:
        '// Load and analyse the workbook once; the next cells reuse ctx.run.\n' +
        `ctx.file = ${file};\n` +
        `ctx.run = await engine.analyze(ctx.file, { policy: 'full', mode: ${modeText} });\n` +
        'const r = ctx.run.result;\n' +
        '`${r.rows.length} rows, ${r.clusters.length} clusters; text column "${r.table.textColumn.header}"`',
    },
    {
      type: 'code',
      source:
        '// The largest clusters.\n' +
        'const largest = [...ctx.run.result.clusters].sort((a, b) => b.rows.length - a.rows.length).slice(0, 10);\n' +
        'engine.aq.from(largest.map((c) => ({ cluster: c.id, rows: c.rows.length, name: c.name, advice: c.advice.label })))',
    },
    {
      type: 'code',
      source: "engine.charts.scoreDistributionChart(ctx.run.scores, engine.charts.thresholdRules(ctx.run.settings), 'Stage-1 scores')",
    },
    {
      type: 'code',
      language: 'json',
      source: JSON.stringify(
        {
          experiment: {
            name: name.replace(/[^A-Za-z0-9._-]+/g, '-'),
            dataset: { workbook },
            settings: { mode },
            variants: [
              { name: 'seed', settings: { policy: 'seed' } },
              { name: 'lossless', settings: { policy: 'lossless' } },
            ],
            repeats: 1,
          },
        },
        null,
        2,
      ),
    },
  ]);
}
