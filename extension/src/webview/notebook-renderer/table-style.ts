/**
 * Extends VS Code's built-in renderer (dist/renderer/table-style.js): tables of Clause Cascade outputs (the engine's
 * `text/html` of arquero tables) get the `clause-cascade-table` class, styled with the VS Code theme's colours. The
 * file keeps the engine's plain HTML; only the view is styled.
 */
import type { ActivationFunction, BuiltinRendererApi } from './renderer-api.ts';

const STYLE_ID = 'clause-cascade-table-style';
const CSS = `
.clause-cascade-table { overflow-x: auto; }
.clause-cascade-table table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size, 12px); color: var(--vscode-editor-foreground); }
.clause-cascade-table th { background: var(--vscode-keybindingTable-headerBackground, rgba(128,128,128,0.15)); color: var(--vscode-foreground); font-weight: 600; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.35)); padding: 3px 10px; position: sticky; top: 0; }
.clause-cascade-table td { padding: 2px 10px; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.2)); }
.clause-cascade-table tbody tr:nth-child(even) { background: var(--vscode-keybindingTable-rowsBackground, rgba(128,128,128,0.06)); }
.clause-cascade-table tbody tr:hover { background: var(--vscode-list-hoverBackground); }
`;

function ensureStyle(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.appendChild(style);
}

const isOurs = (metadata: unknown) => typeof metadata === 'object' && metadata !== null && (metadata as { clauseCascade?: unknown }).clauseCascade === true;

export const activate: ActivationFunction = async (context) => {
  const builtin = (await context.getRenderer('vscode.builtin-renderer')) as BuiltinRendererApi | undefined;
  builtin?.experimental_registerHtmlRenderingHook?.({
    postRender(item, element) {
      if (!isOurs(item.metadata) || !element.querySelector('table')) return undefined;
      ensureStyle();
      element.classList.add('clause-cascade-table');
      return element;
    },
  });
  return undefined;
};
