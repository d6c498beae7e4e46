/**
 * The reference inputs of one run (SPEC §4.6–§4.8): conditions sections, clause-library entries and custom
 * instructions, read once and shared by the TF-IDF corpus and the advice steps.
 */
import { readConditions, type Section } from './inputs/conditions.ts';
import { readInstructions, type Instruction } from './inputs/instructions.ts';
import { readLibrary, type LibraryEntry } from './inputs/library.ts';
import { simplify } from '../normalise/simplify.ts';
import type { ReferenceSummary } from './types.ts';
import type { Warning } from '../util/warnings.ts';

export interface ReferenceRequest {
  conditions?: string[];
  libraries?: string[];
  /** A .csv/.xlsx/.txt file, or free-form instruction text. */
  instructions?: string;
}

export interface References {
  sections: Section[];
  conditionsDocuments: string[];
  library: LibraryEntry[];
  instructions: Instruction[];
  warnings: Warning[];
  corpusTexts(): string[];
  summary(): ReferenceSummary;
}

export async function loadReferences(
  request: ReferenceRequest,
  hooks: { onConditions?: () => void; onLibrary?: () => void } = {},
): Promise<References> {
  const warnings: Warning[] = [];
  let sections: Section[] = [];
  let conditionsDocuments: string[] = [];
  if (request.conditions?.length) {
    hooks.onConditions?.();
    const conditions = await readConditions(request.conditions);
    sections = conditions.sections;
    conditionsDocuments = conditions.documents.map((d) => d.documentId);
    warnings.push(...conditions.warnings);
  }
  let library: LibraryEntry[] = [];
  if (request.libraries?.length) {
    hooks.onLibrary?.();
    const result = await readLibrary(request.libraries);
    library = result.entries;
    warnings.push(...result.warnings);
  }
  let instructions: Instruction[] = [];
  if (request.instructions) {
    const result = await readInstructions(request.instructions);
    instructions = result.instructions;
    warnings.push(...result.warnings);
  }
  return {
    sections,
    conditionsDocuments,
    library,
    instructions,
    warnings,
    corpusTexts: () => [...sections.map((s) => s.simplified), ...library.map((e) => e.simplified), ...instructions.map((i) => simplify(i.search))],
    summary: () => ({
      conditionsDocuments,
      conditionsSections: sections.length,
      libraryEntries: library.length,
      instructions: instructions.length,
    }),
  };
}
