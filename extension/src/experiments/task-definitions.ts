/**
 * What the experiment tasks are, without VS Code: one definition per `experiments/*.experiment.json` of a workspace
 * folder plus "run all experiments", and the CLI command each runs. Kept apart from the provider so a unit test can
 * prove that every offered task (and every one in .vscode/tasks.json) names a config the CLI accepts.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

export const TASK_TYPE = 'clause-cascade';
export const ALL = 'all';
export const EXPERIMENTS_FOLDER = 'experiments';
const CONFIG_SUFFIX = '.experiment.json';

export interface ExperimentTaskFields {
  type: typeof TASK_TYPE;
  /** a config path relative to the workspace folder, with forward slashes, or `all` */
  experiment: string;
}

/** The tasks offered for one workspace folder: a task per config, sorted, then "all" when there is any. */
export async function experimentTaskFields(folder: string): Promise<ExperimentTaskFields[]> {
  const names = await readdir(path.join(folder, EXPERIMENTS_FOLDER)).catch(() => [] as string[]);
  const configs = names.filter((n) => n.endsWith(CONFIG_SUFFIX)).sort();
  const fields: ExperimentTaskFields[] = configs.map((n) => ({ type: TASK_TYPE, experiment: `${EXPERIMENTS_FOLDER}/${n}` }));
  if (fields.length > 0) fields.push({ type: TASK_TYPE, experiment: ALL });
  return fields;
}

/** The shell command of one task: `node bin/clause-cascade.js experiment run <file>` (or `--all`). */
export function experimentCommand(experiment: string): { command: string; args: string[] } {
  return experiment === ALL
    ? { command: 'node', args: ['bin/clause-cascade.js', 'experiment', 'run', '--all'] }
    : { command: 'node', args: ['bin/clause-cascade.js', 'experiment', 'run', experiment] };
}

export function taskLabel(experiment: string): string {
  return experiment === ALL ? 'run all experiments' : `experiment ${path.basename(experiment).replace(/\.experiment\.json$/, '')}`;
}
