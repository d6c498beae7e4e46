/** The flags of `clause-cascade analyze` as commander hands them to the run. */

export interface AnalyzeFlags extends Record<string, unknown> {
  conditions?: string[];
  library?: string[];
  instructions?: string;
  model?: string;
  /** false with --no-embeddings */
  embeddings?: boolean;
  out?: string;
  overwrite?: boolean;
  json?: string;
  verbose?: boolean;
  quiet?: boolean;
  set?: string[];
}
