/** Where the bundled parts of the extension live, set once by activate(). */
import * as path from 'node:path';

let root = '';

export function setExtensionRoot(extensionPath: string): void {
  root = extensionPath;
}

export const workerScript = (): string => path.join(root, 'dist', 'worker.js');
export const webviewRoot = (): string => path.join(root, 'dist', 'webview');
