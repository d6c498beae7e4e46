// Every experiment task a user can start (the shipped .vscode/tasks.json and the provider's) names a config the CLI
// accepts: a missing or invalid config would only show up as "No such experiment config" in the terminal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExperimentConfigs, loadExperimentConfig } from '../../../engine/experiment/config.ts';
import { ALL, EXPERIMENTS_FOLDER, experimentCommand, experimentTaskFields, TASK_TYPE } from '../../../extension/src/experiments/task-definitions.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The configs the CLI would run for a task, resolved the way `experiment run` resolves its arguments. */
async function configsOf(experiment: string): Promise<string[]> {
  const args = experimentCommand(experiment).args.slice(3);
  return findExperimentConfigs(args.map((a) => (a === '--all' ? path.join(ROOT, EXPERIMENTS_FOLDER) : path.resolve(ROOT, a))));
}

async function expectRunnable(experiment: string): Promise<void> {
  const configs = await configsOf(experiment);
  expect(configs.length, experiment).toBeGreaterThan(0);
  for (const config of configs) await expect(loadExperimentConfig(config), config).resolves.toMatchObject({ name: expect.any(String) });
}

describe('experiment tasks', () => {
  it('every clause-cascade task in .vscode/tasks.json names a config that exists and parses', async () => {
    const tasks = JSON.parse(readFileSync(path.join(ROOT, '.vscode', 'tasks.json'), 'utf8')).tasks as { label: string; type: string; experiment?: string }[];
    const ours = tasks.filter((t) => t.type === TASK_TYPE);
    expect(ours.length).toBeGreaterThan(0);
    for (const task of ours) {
      expect(task.experiment, task.label).toEqual(expect.any(String));
      await expectRunnable(task.experiment!);
    }
  });

  it('every task the provider offers names a config that exists and parses', async () => {
    const fields = await experimentTaskFields(ROOT);
    expect(fields.at(-1)).toEqual({ type: TASK_TYPE, experiment: ALL });
    expect(fields.length).toBeGreaterThan(2);
    for (const { experiment } of fields) await expectRunnable(experiment);
  });

  it('offers nothing for a folder without experiments', async () => {
    expect(await experimentTaskFields(path.join(ROOT, 'fixtures'))).toEqual([]);
  });
});
