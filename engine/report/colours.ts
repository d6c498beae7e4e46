/**
 * `Advies` fill colours by label family (SPEC §10.4). The families belong to the advice vocabulary and are defined
 * once, in advise/labels.ts; the report only turns them into cell fills (style-book.ts).
 */
import { adviceFill } from '../advise/labels.ts';

/** RGB hex fill of an `Advies` cell (`FFC7CE`, …), or null when the label belongs to no family. */
export function adviceFillColour(label: string): string | null {
  return adviceFill(label);
}
