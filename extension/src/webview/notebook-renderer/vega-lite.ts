/**
 * Notebook renderer for `application/vnd.vegalite.v5+json` (dist/renderer/vega-lite.js): vega-embed with vega and
 * vega-lite bundled, so charts render without other extensions and without fetching anything. Expressions are
 * interpreted (vega-interpreter) rather than compiled with `new Function`, so no CSP relaxation is needed. Chart
 * text and axes take the VS Code theme's foreground colour.
 */
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { View } from 'vega';
import type { ActivationFunction } from './renderer-api.ts';

const views = new Map<string, View>();

function themeConfig(): Record<string, unknown> {
  const css = getComputedStyle(document.body);
  const foreground = css.getPropertyValue('--vscode-editor-foreground').trim() || css.getPropertyValue('--vscode-foreground').trim() || '#333';
  const grid = css.getPropertyValue('--vscode-editorWidget-border').trim() || 'rgba(128,128,128,0.3)';
  const font = css.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  return {
    background: 'transparent',
    font,
    title: { color: foreground, subtitleColor: foreground },
    // Text marks without their own colour (bar labels such as "1.19×") would be black on a dark theme.
    text: { color: foreground },
    axis: { labelColor: foreground, titleColor: foreground, domainColor: grid, tickColor: grid, gridColor: grid },
    legend: { labelColor: foreground, titleColor: foreground },
    header: { labelColor: foreground, titleColor: foreground },
    view: { stroke: grid },
  };
}

export const activate: ActivationFunction = () => ({
  async renderOutputItem(item, element, signal) {
    views.get(item.id)?.finalize();
    views.delete(item.id);
    const host = document.createElement('div');
    host.className = 'clause-cascade-chart';
    element.replaceChildren(host);
    try {
      const result = await embed(host, item.json() as never, {
        actions: false,
        renderer: 'svg',
        ast: true,
        expr: expressionInterpreter,
        tooltip: true,
        config: themeConfig() as never,
      });
      if (signal.aborted) result.view.finalize();
      else views.set(item.id, result.view);
    } catch (error) {
      const message = document.createElement('pre');
      message.textContent = `Could not render the Vega-Lite chart: ${(error as Error).message}`;
      element.replaceChildren(message);
    }
  },
  disposeOutputItem(id) {
    for (const [key, view] of views) {
      if (id !== undefined && key !== id) continue;
      view.finalize();
      views.delete(key);
    }
  },
});
