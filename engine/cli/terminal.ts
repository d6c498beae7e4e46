/**
 * Terminal output of the CLI: results on standard output, progress, logs and warnings on standard error. The
 * progress bar draws the engine's progress events (SPEC §11, Dutch messages) on one redrawn line, only on a TTY,
 * with the current stage's rows per second and the estimated time left.
 */
import type { Logger, LogLevel } from '../util/log.ts';
import type { ProgressEvent } from '../pipeline/types.ts';

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `1:05` or `1:02:05`. */
export function clockTime(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Rows per second within the current stage, from the events' row counts. */
class StageRate {
  private stage = '';
  private since = 0;
  private doneAtStart = 0;

  measure(event: ProgressEvent, now: number): number | null {
    if (!event.rows) return null;
    if (event.stage !== this.stage) {
      this.stage = event.stage;
      this.since = now;
      this.doneAtStart = event.rows.done;
      return null;
    }
    const seconds = (now - this.since) / 1000;
    return seconds >= 0.5 ? (event.rows.done - this.doneAtStart) / seconds : null;
  }
}

/** Time left from the overall percentage, once there is enough of a run to go on. */
function estimatedSecondsLeft(percent: number, elapsedMs: number): number | null {
  if (percent < 5 || percent >= 100 || elapsedMs < 2_000) return null;
  return ((elapsedMs / 1000) * (100 - percent)) / percent;
}

export class ProgressBar {
  private lastDraw = 0;
  private lastPercent = -1;
  private shown = false;
  private line = '';
  private readonly startedAt = Date.now();
  private readonly rate = new StageRate();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(event: ProgressEvent): void {
    const now = Date.now();
    const percent = Math.max(0, Math.min(100, Math.round(event.percent)));
    const rowsPerSecond = this.rate.measure(event, now);
    // Redraw on every new percent, else at most ten times a second.
    if (percent === this.lastPercent && now - this.lastDraw < 100) return;
    this.lastPercent = percent;
    this.lastDraw = now;
    const columns = this.stream.columns || 80;
    const barWidth = Math.max(10, Math.min(30, columns - 70));
    const filled = Math.round((barWidth * percent) / 100);
    const left = estimatedSecondsLeft(percent, now - this.startedAt);
    const facts = [
      ...(rowsPerSecond === null ? [] : [`${Math.round(rowsPerSecond)} rows/s`]),
      ...(left === null ? [] : [`ETA ${clockTime(left)}`]),
    ];
    const text = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${String(percent).padStart(3)}% ${event.message}${facts.length ? `  ${facts.join('  ')}` : ''}`;
    this.line = text.length > columns - 1 ? text.slice(0, columns - 1) : text;
    this.draw();
  }

  private draw(): void {
    this.stream.write(`\r\x1b[2K${this.line}`);
    this.shown = true;
  }

  /** Removes the bar so a log line can be written; `resume()` draws it again. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  resume(): void {
    if (this.line !== '') this.draw();
  }
}

export interface StderrLog {
  logger: Logger;
  /** Warnings seen by the logger, for de-duplication against the run's warnings. */
  warnings: string[];
}

/**
 * The engine's logger for the CLI: debug and info lines only when verbose; warnings and errors are collected (and
 * shown live when verbose) so they can be printed once after the progress bar.
 */
export function stderrLogger(verbose: boolean, bar: ProgressBar | null): StderrLog {
  const warnings: string[] = [];
  const logger = (level: LogLevel, message: string) => {
    if (level === 'warn' || level === 'error') warnings.push(message);
    if (!verbose) return;
    bar?.clear();
    process.stderr.write(`[${level}] ${message}\n`);
    bar?.resume();
  };
  return { logger, warnings };
}

/** Prints each warning once: run warnings, then logger warnings whose substance no run warning already states. */
export function printWarnings(runWarnings: readonly string[], loggerWarnings: readonly string[]): void {
  const all = [...runWarnings];
  for (const message of loggerWarnings) {
    const substance = message.slice(message.indexOf(': ') + 2);
    if (!all.some((w) => w.includes(substance))) all.push(message);
  }
  for (const w of all) process.stderr.write(`warning: ${w}\n`);
}

/** Two-column `label  value` lines with aligned values. */
export function keyValueLines(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`);
}

/** A plain text table with a header row; numeric-looking cells are right-aligned. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.,%×]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatCounts(counts: Record<string, number>, skipZero = true): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => !skipZero || n !== 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? '0' : parts.join(', ');
}

export function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`;
}
