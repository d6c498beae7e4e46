/** One row of a generated, labeled workbook. Column order is the key order of the first row. */
export interface GeneratedRow {
  Polisnummer: string;
  Tekst: string;
  /** The intended cluster (SPEC §13.1); `NVT` for texts too short to cluster. */
  Label: string;
  [column: string]: string;
}

export type GeneratorStyle = 'seed' | 'realistic';
