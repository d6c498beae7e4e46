#!/usr/bin/env node
// Bundles the extension with esbuild into extension/dist:
//   extension.js       the extension host side (CommonJS, `vscode` external; never contains the engine)
//   worker.js          the engine process forked per job (CommonJS, the engine bundled in)
//   engine/thread-worker.mjs  the engine's worker threads (`clauseCascade.threads` > 1; ESM, the engine bundled in)
//   webview/tuning.js  the tuning view (browser IIFE with vega, vega-lite and vega-embed bundled: no CDN)
//   webview/tuning.css
//   notebook-worker.js the notebook kernel's process: one engine notebook session per notebook (CommonJS)
//   renderer/vega-lite.js    notebook renderer for application/vnd.vegalite.v5+json (browser ESM, vega bundled)
//   renderer/table-style.js  extends the built-in renderer: theme colours for the engine's HTML tables (ESM)
// Usage: node extension/scripts/build.mjs [--production] [--watch]
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyEmbeddingRuntime } from './embedding-runtime.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Native or very large optional packages stay outside the worker bundle. They are only loaded lazily by the engine
 * (embeddings), from dist/node_modules (embedding-runtime.mjs); when they cannot be loaded the embeddings signal is
 * reported unavailable and the run goes on with the remaining signals (SPEC §6.7). See extension/README.md.
 */
const WORKER_EXTERNALS = ['@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-web', 'sharp'];

/**
 * The engine is ESM and reads `import.meta.url` in two places: createRequire() for snowball-stemmers and the
 * engine version from ../../package.json. In the CommonJS bundle a plain require() is bundled instead, and
 * import.meta.url points at a virtual dist/engine/index.js so that ../../package.json is the extension's manifest.
 */
const engineInCommonJs = {
  name: 'engine-in-commonjs',
  setup(build) {
    build.onLoad({ filter: /[\\/]engine[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.replace(/createRequire\(import\.meta\.url\)\(/g, 'require('), loader: 'ts' };
    });
  },
};

/**
 * The extension host imports only the notebook file format from the engine (engine/experiment/notebook.ts), which
 * re-exports the notebook runner. Engine modules have no import-time side effects, so telling esbuild so lets it drop
 * what the host does not use (the runner, vega, arquero) instead of bundling it into extension.js.
 */
const engineWithoutSideEffects = {
  name: 'engine-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /\.ts$/ }, (args) => {
      if (args.kind !== 'import-statement' || !args.importer) return undefined;
      const resolved = path.resolve(args.resolveDir, args.path);
      if (!resolved.includes(`${path.sep}engine${path.sep}`)) return undefined;
      return { path: resolved, sideEffects: false };
    });
  },
};

/**
 * vega-canvas's Node build probes for the optional `canvas` package with a top-level await, which a CommonJS bundle
 * cannot hold. Without `canvas` (it is not installed) both builds give no canvas and vega estimates text widths the
 * same way, so the notebook worker uses the browser build: charts come out as the CLI draws them.
 */
const vegaCanvasWithoutNodeCanvas = {
  name: 'vega-canvas-without-node-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: path.join(root, '..', 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js') }));
  },
};

const common = { bundle: true, sourcemap: production ? false : 'linked', minify: production, logLevel: 'info', legalComments: 'none' };

const builds = [
  {
    ...common,
    entryPoints: [path.join(root, 'src/extension.ts')],
    outfile: path.join(dist, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [engineWithoutSideEffects, vegaCanvasWithoutNodeCanvas],
  },
  {
    ...common,
    entryPoints: [path.join(root, 'src/worker/analyze-worker.ts')],
    outfile: path.join(dist, 'worker.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: WORKER_EXTERNALS,
    plugins: [engineInCommonJs],
    define: { 'import.meta.url': '__ccEngineModuleUrl' },
    banner: { js: "var __ccEngineModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'engine', 'index.js')).href;" },
  },
  {
    ...common,
    // The thread pool (engine/pipeline/threads/pool.ts) looks for thread-worker.mjs beside the engine's module URL,
    // which the CommonJS bundles above set to dist/engine/index.js. As an ES module it has an import.meta.url of its
    // own, two folders below the manifest as the engine's modules are; `require` serves the bundled CommonJS
    // packages' imports of Node's modules.
    entryPoints: [path.join(root, '..', 'engine', 'pipeline', 'threads', 'worker.ts')],
    outfile: path.join(dist, 'engine', 'thread-worker.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: WORKER_EXTERNALS,
    plugins: [engineInCommonJs],
    banner: { js: "import { createRequire as __ccCreateRequire } from 'node:module'; const require = __ccCreateRequire(import.meta.url);" },
  },
  {
    ...common,
    entryPoints: [path.join(root, 'src/notebook/kernel-worker.ts')],
    outfile: path.join(dist, 'notebook-worker.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: WORKER_EXTERNALS,
    plugins: [engineInCommonJs, vegaCanvasWithoutNodeCanvas],
    define: { 'import.meta.url': '__ccEngineModuleUrl' },
    banner: { js: "var __ccEngineModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'engine', 'index.js')).href;" },
  },
  {
    ...common,
    // Notebook renderers are ES modules exporting activate() (VS Code's notebook renderer API).
    entryPoints: {
      'vega-lite': path.join(root, 'src/webview/notebook-renderer/vega-lite.ts'),
      'table-style': path.join(root, 'src/webview/notebook-renderer/table-style.ts'),
    },
    outdir: path.join(dist, 'renderer'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: [path.join(root, 'src/tuning/webview/main.ts')],
    outfile: path.join(dist, 'webview', 'tuning.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // vega-embed's optional tooltip/clipboard helpers stay; nothing is fetched at run time.
  },
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'webview'), { recursive: true });
// dist/*.js are CommonJS although extension/package.json says "type": "module" (for the .ts sources and scripts).
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
copyFileSync(path.join(root, 'src/tuning/webview/tuning.css'), path.join(dist, 'webview', 'tuning.css'));
copyEmbeddingRuntime(path.join(root, '..', 'node_modules'), dist);

const t0 = performance.now();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching extension sources…');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`extension built in ${Math.round(performance.now() - t0)} ms → ${path.relative(process.cwd(), dist)}`);
}
