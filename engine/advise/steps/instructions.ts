/** Step 1 — custom instructions (SPEC §9.3). */
import { ARTICLES, customInstructionLabel, type Advice } from '../labels.ts';
import type { Instruction } from '../inputs/instructions.ts';
import { resolve, type MatchContext } from '../matching.ts';
import { simplify } from '../../normalise/simplify.ts';
import { fuzzyRatio } from '../../signals/fuzzy.ts';
import { embeddingInput } from '../../signals/embeddings/index.ts';
import { collapseWhitespace, codePointLength, deleteFormatChars, percent } from '../../util/text.ts';

const MIN_TEXT = 10;
const COMBINED_FLOOR = 0.6;
const FUZZY_FLOOR = 0.65;
const HIGH = 0.85;

function containsForm(text: string): string {
  return collapseWhitespace(deleteFormatChars(text.normalize('NFKC')).toLowerCase());
}

export interface PreparedInstruction extends Instruction {
  contains: string;
  simplified: string;
  embeddingText: string;
}

export function prepareInstructions(instructions: Instruction[]): PreparedInstruction[] {
  return instructions.map((i) => ({ ...i, contains: containsForm(i.search), simplified: simplify(i.search), embeddingText: embeddingInput(i.search) }));
}

function instructionAdvice(instruction: Instruction, score: number): Advice {
  return {
    label: customInstructionLabel(instruction.action),
    confidence: score >= HIGH ? 'Hoog' : 'Midden',
    reason: `Komt overeen met instructie: '${instruction.search}' (${percent(score)}% match)`,
    article: ARTICLES.custom,
    rule: 'CUSTOM_INSTRUCTION',
  };
}

export async function instructionStep(
  leader: { text: string; simple: string; embeddingText: string },
  instructions: PreparedInstruction[],
  ctx: MatchContext,
): Promise<Advice | null> {
  if (instructions.length === 0 || codePointLength(leader.text) < MIN_TEXT) return null;
  const text = containsForm(leader.text);
  const contained = instructions.find((i) => i.contains !== '' && text.includes(i.contains));
  if (contained) return instructionAdvice(contained, 1);

  const { suite, cascade } = ctx;
  const side = suite.side(leader.simple, leader.embeddingText);
  let best: { instruction: PreparedInstruction; score: number } | null = null;
  for (const instruction of instructions) {
    const other = suite.side(instruction.simplified, instruction.embeddingText);
    // Fuzzy is needed on its own (criterion 3), so it is computed once and handed to the cascade.
    const fuzzy = fuzzyRatio(leader.simple, instruction.simplified);
    cascade.counters.signalEvaluations.fuzzy++;
    const record = await resolve(cascade.start(side, other, [COMBINED_FLOOR], 'instructions', { exactUnlessRejected: true, known: { fuzzy } }), suite);
    const combined = record.exit !== 'lossless.reject' && record.lower >= COMBINED_FLOOR ? record.lower : -1;
    const score = Math.max(combined, fuzzy >= FUZZY_FLOOR ? fuzzy : -1);
    if (score >= 0 && (best === null || score > best.score)) best = { instruction, score };
  }
  return best ? instructionAdvice(best.instruction, best.score) : null;
}
