/**
 * Messages the way vscode.l10n.t does them, for code that runs where `vscode` cannot be imported (the tuning
 * webview, pure helpers under unit test): the English message is the key, `bundle` holds its translation, `{0}`…
 * are filled from the arguments.
 */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export function translator(bundle: Readonly<Record<string, string>> = {}): Translate {
  return (message, ...args) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

export const english: Translate = translator();
