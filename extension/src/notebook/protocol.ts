/**
 * The message contract between the notebook kernel (extension host) and its worker process, which holds one engine
 * notebook session (state shared by the cells, the execution counter). Both sides import these types; every message
 * crossing the process boundary is checked with isKernelHostMessage / isKernelWorkerMessage before use.
 */
import { isRecord, isString } from '../../../engine/util/guards.ts';
import type { NotebookCell } from '../../../engine/experiment/notebook.ts';
import { isLogLevel, type LogLevel } from '../../../engine/util/log.ts';
import type { WorkerFailure } from '../worker/protocol.ts';

export interface KernelStart {
  /** the notebook file: relative paths in cells resolve against its folder, as in `clause-cascade notebook run` */
  notebookFile: string;
  /** developer mode: error outputs carry the stack */
  devMode: boolean;
}

export type KernelHostMessage =
  | { type: 'start'; start: KernelStart }
  | { type: 'execute'; id: number; index: number; cell: NotebookCell }
  | { type: 'interrupt' };

export type KernelWorkerMessage =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'log'; level: LogLevel; message: string }
  /** the cell as the engine left it: outputs, execution_count, metadata.execution */
  | { type: 'executed'; id: number; ok: boolean; cell: NotebookCell; durationMs: number }
  | { type: 'failed'; id: number | null; error: WorkerFailure };

const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function isCell(v: unknown): v is NotebookCell {
  return isRecord(v) && isString(v.cell_type) && (isString(v.source) || Array.isArray(v.source)) && isRecord(v.metadata);
}

export function isKernelHostMessage(v: unknown): v is KernelHostMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'start':
      return isRecord(v.start) && isString(v.start.notebookFile) && typeof v.start.devMode === 'boolean';
    case 'execute':
      return isId(v.id) && isId(v.index) && isCell(v.cell);
    case 'interrupt':
      return true;
    default:
      return false;
  }
}

export function isKernelWorkerMessage(v: unknown): v is KernelWorkerMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'started':
      return true;
    case 'log':
      return isLogLevel(v.level) && isString(v.message);
    case 'executed':
      return isId(v.id) && typeof v.ok === 'boolean' && isCell(v.cell) && Array.isArray(v.cell.outputs) && typeof v.durationMs === 'number';
    case 'failed':
      return (v.id === null || isId(v.id)) && isRecord(v.error) && isString(v.error.name) && isString(v.error.message);
    default:
      return false;
  }
}
