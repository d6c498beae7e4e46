/**
 * The part of VS Code's notebook renderer API (the `vscode-notebook-renderer` contract) these renderers use. A
 * renderer module exports `activate(context)` returning a RendererApi.
 */
export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  readonly metadata: unknown;
  text(): string;
  json(): unknown;
  data(): Uint8Array;
}

export interface RendererApi {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

export interface RendererContext<T = unknown> {
  getRenderer(id: string): Promise<T | undefined>;
  readonly workspace: { readonly isTrusted: boolean };
}

export type ActivationFunction = (context: RendererContext) => RendererApi | undefined | Promise<RendererApi | undefined>;

/** The built-in renderer's extension point (vscode.builtin-renderer) for post-processing rendered HTML. */
export interface HtmlRenderingHook {
  postRender(item: OutputItem, element: HTMLElement, signal: AbortSignal): HTMLElement | undefined | Promise<HTMLElement | undefined>;
}
export interface BuiltinRendererApi {
  experimental_registerHtmlRenderingHook?(hook: HtmlRenderingHook): { dispose(): void };
}
