/**
 * The progress notification's text from the engine's progress events: the stage by its id in the UI's language
 * (the engine's own message is Dutch, for its report and CLI), the overall percentage and an estimate of the time
 * left. Pure: the translator and the number format come from the caller, so it is unit tested without VS Code.
 */
import type { ProgressEvent } from '../../../engine/pipeline/types.ts';
import type { Translate } from '../l10n/translate.ts';

/** English names of the engine's stage ids; the translator finds them in the l10n bundles. */
export const STAGE_NAMES: Record<string, string> = {
  init: 'Starting',
  ingest: 'Reading the workbook',
  conditions: 'Reading the policy conditions',
  library: 'Loading the clause library',
  prepare: 'Preparing the texts',
  cluster: 'Grouping clauses',
  advise: 'Advising per group',
  report: 'Writing the report',
  done: 'Done',
};

/** No estimate before this share of the work: early stages are too short to extrapolate from. */
const ESTIMATE_FROM_PERCENT = 10;

export function progressText(event: ProgressEvent, elapsedMs: number, t: Translate, locale: string, rowsPerSecond: number | null = null): string {
  const name = STAGE_NAMES[event.stage];
  const stage = name ? t(name) : event.message;
  const percent = Math.max(0, Math.min(100, event.percent));
  const parts = [`${stage} — ${new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100)}`];
  if (rowsPerSecond !== null) parts.push(t('{0} rows/s', new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(rowsPerSecond)));
  if (percent >= ESTIMATE_FROM_PERCENT && percent < 100) parts.push(t('about {0} left', duration((elapsedMs * (100 - percent)) / percent, t)));
  return parts.join(' · ');
}

/** Rows per second within the current stage, from the rows its events report (null until two events have them). */
export class RowRate {
  private stage = '';
  private first: { at: number; done: number } | null = null;

  update(event: ProgressEvent, now: number): number | null {
    if (!event.rows) return null;
    if (event.stage !== this.stage || !this.first) {
      this.stage = event.stage;
      this.first = { at: now, done: event.rows.done };
      return null;
    }
    const seconds = (now - this.first.at) / 1000;
    return seconds >= 1 ? (event.rows.done - this.first.done) / seconds : null;
  }
}

function duration(ms: number, t: Translate): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return t('{0} s', seconds);
  const minutes = Math.round(seconds / 60);
  return t('{0} min', minutes);
}
