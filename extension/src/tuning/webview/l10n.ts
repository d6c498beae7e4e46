/** The tuning view's texts in VS Code's display language: the page carries the extension's l10n bundle (html.ts). */
import { translator } from '../../l10n/translate.ts';

function pageBundle(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(document.getElementById('l10n-bundle')?.textContent ?? '{}');
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export const t = translator(pageBundle());
