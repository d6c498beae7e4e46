// The sentence-embedding runtime the worker loads lazily (@huggingface/transformers on onnxruntime-node), copied into
// dist/node_modules with only what Node needs on this platform: the Node builds of transformers, onnxruntime's
// JavaScript and its native library for this OS and CPU. `sharp` (image decoding, never used for clause texts) is
// replaced by a function that refuses images: transformers needs one at load time but only calls it for images. The
// .vsix is therefore built for the platform it is packaged on.
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PICK = {
  '@huggingface/transformers': ['package.json', 'dist/transformers.node.cjs', 'dist/transformers.node.mjs'],
  'onnxruntime-common': ['package.json', 'dist/cjs', 'dist/esm'],
  'onnxruntime-node': ['package.json', 'dist', `bin/napi-v6/${process.platform}/${process.arch}`],
};

export function copyEmbeddingRuntime(repoNodeModules, dist) {
  const target = path.join(dist, 'node_modules');
  for (const [name, parts] of Object.entries(PICK)) {
    for (const part of parts) {
      const from = path.join(repoNodeModules, name, part);
      cpSync(from, path.join(target, name, part), { recursive: true, filter: (f) => !f.endsWith('.map') && !f.endsWith('.d.ts') });
    }
  }
  const sharp = path.join(target, 'sharp');
  mkdirSync(sharp, { recursive: true });
  writeFileSync(path.join(sharp, 'package.json'), `${JSON.stringify({ name: 'sharp', version: '0.0.0-none', main: 'index.js' }, null, 2)}\n`);
  writeFileSync(
    path.join(sharp, 'index.js'),
    "// No image support: clause texts only.\nmodule.exports = function sharp() {\n  throw new Error('Clause Cascade does not read images.');\n};\n",
  );
  return readdirSync(target);
}
