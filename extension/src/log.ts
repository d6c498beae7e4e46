/** The "Clause Cascade" log channel, created on first use so activation stays cheap. */
import * as vscode from 'vscode';
import type { LogLevel } from '../../engine/util/log.ts';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Clause Cascade', { log: true });
  return channel;
}

export function logAt(level: LogLevel, message: string): void {
  const out = log();
  switch (level) {
    case 'debug':
      // Developer mode's early-exit lines arrive as debug; shown at info so they appear without changing the level.
      out.info(message);
      break;
    case 'info':
      out.info(message);
      break;
    case 'warn':
      out.warn(message);
      break;
    case 'error':
      out.error(message);
      break;
  }
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
