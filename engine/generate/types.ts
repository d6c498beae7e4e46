/** One row of a generated, labeled workbook. Column order is the key order of the first row. */
export interface GeneratedRow {
  Polisnummer: string;
  Tekst: string;
  /** The intended cluster (SPEC §13.1); `NVT` for texts too short to cluster. */
  Label: string;
  [column: string]: string;
}

/**
 * seed: SPEC §13.1; realistic: Dutch clause families with light noise; noisy: the same families with heavy noise and
 * hard negatives (the set grouping rules are tuned on); heldout: other families and another noise model, never tuned on.
 */
export const GENERATOR_STYLES = ['seed', 'realistic', 'noisy', 'heldout'] as const;
export type GeneratorStyle = (typeof GENERATOR_STYLES)[number];
