import { collapseWhitespace, deleteFormatChars } from '../../util/text.ts';

/**
 * The text a model embeds (SPEC §6.6), the same for both clustering stages: the raw clause text in NFKC, format
 * characters (Cf) deleted, whitespace runs collapsed to one space and trimmed. Format characters are deleted before
 * and after NFKC so the result is a fixed point (`embeddingInput(embeddingInput(x)) === embeddingInput(x)`): deleting
 * U+200B between a letter and a combining accent would otherwise leave a sequence a second NFKC composes.
 * The provider keys its memo and disk cache by this string, so every caller must pass it, never the raw text.
 */
export function embeddingInput(raw: string): string {
  return collapseWhitespace(deleteFormatChars(deleteFormatChars(raw).normalize('NFKC')));
}
