/**
 * Child process for the concurrency test: opens the shared vector cache, adds vectors and flushes, `rounds` times,
 * with a tiny segment limit so compactions race with the other writer's appends.
 *   node --import tsx test/embeddings/cache-writer.ts <dir> <modelKey> <writer> <rounds> [<peer>]
 * With a peer, the writer waits until the peer is ready too, so both really write at the same time.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openVectorCache, textHash } from '../../engine/signals/embeddings/disk-cache.ts';

export const CACHE_DIM = 8;

/** The vector a writer stores for a text: derived from the text, so any reader can check it. */
export function expectedVector(text: string): Float32Array {
  const h = Buffer.from(textHash(text), 'latin1');
  return Float32Array.from({ length: CACHE_DIM }, (_, i) => h[i]! / 255);
}

export function textsOf(writer: string, round: number): string[] {
  return [
    ...Array.from({ length: 25 }, (_, k) => `${writer} round ${round} text ${k}`),
    ...Array.from({ length: 5 }, (_, k) => `shared round ${round} text ${k}`),
  ];
}

/** Both writers start together: each announces itself, then waits for the other (at most 20 s). */
async function barrier(dir: string, writer: string, peer: string): Promise<void> {
  const folder = path.join(dir, 'barrier');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, writer), '');
  const deadline = Date.now() + 20_000;
  while (!existsSync(path.join(folder, peer)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
}

const [dir, modelKey, writer, rounds, peer] = process.argv.slice(2);
if (dir && modelKey && writer && rounds) {
  if (peer) await barrier(dir, writer, peer);
  const warnings: string[] = [];
  const started = Date.now();
  for (let round = 0; round < Number(rounds); round++) {
    const cache = await openVectorCache({ dir, modelKey, maxSegments: 3, log: (level, msg) => level === 'warn' && warnings.push(msg) });
    for (const text of textsOf(writer, round)) cache!.put(textHash(text), expectedVector(text));
    await cache!.flush();
  }
  process.stdout.write(JSON.stringify({ warnings, started, finished: Date.now() }));
}
