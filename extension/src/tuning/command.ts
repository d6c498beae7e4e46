/** "Clause Cascade: Tune Thresholds": open the tuning view for a workbook. */
import { workbookFor } from '../analyze/pick-workbook.ts';
import { TuningPanel } from './panel.ts';

export async function tuneThresholds(arg?: unknown): Promise<void> {
  const uri = await workbookFor(arg, 'Clause Cascade: Tune Thresholds');
  if (uri) TuningPanel.show(uri);
}
