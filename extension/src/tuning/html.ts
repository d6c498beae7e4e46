/** The tuning webview's HTML shell: strict CSP (nonce'd local script, no eval), only files from dist/webview. */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { translator } from '../l10n/translate.ts';

/**
 * `language`: VS Code's display language (vscode.env.language), so the page formats numbers the same way; `bundle`:
 * the extension's l10n bundle for it (vscode.l10n.bundle, none for English), so the page speaks it too.
 */
export function tuningHtml(webview: vscode.Webview, script: vscode.Uri, style: vscode.Uri, title: string, language: string, bundle: Record<string, string> = {}): string {
  const nonce = randomBytes(16).toString('base64');
  // Vega draws SVG and sets element styles from script, hence style-src 'unsafe-inline'; scripts stay nonce-only and
  // vega expressions are interpreted (vega-interpreter), so no 'unsafe-eval' is needed.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const t = translator(bundle);
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  // A JSON data block is never executed, so the CSP does not apply to it; `<` escaped so no text can end the block.
  const texts = JSON.stringify(bundle).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${escape(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escape(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p id="status" role="status">${escape(t('Loading…'))}</p></main>
<script type="application/json" id="l10n-bundle">${texts}</script>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
