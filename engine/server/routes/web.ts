/**
 * The web page at `/` (plain HTML and CSS, and TypeScript bundled by esbuild into memory on first request, so there
 * is no build step and nothing to keep in step between the page and the engine's types).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../../util/project-root.ts';

const WEB = (name: string) => path.join(PROJECT_ROOT, 'engine', 'server', 'web', name);
const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let bundle: Promise<string> | null = null;

async function bundleScript(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [WEB('main.ts')], bundle: true, format: 'esm', target: 'es2022', minify: true, write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

export function webRoutes(app: FastifyInstance): void {
  app.get('/', async (_request, reply) =>
    reply.header('Content-Type', 'text/html; charset=utf-8').header('Content-Security-Policy', PAGE_POLICY).send(await fs.readFile(WEB('index.html'), 'utf8')),
  );
  app.get('/app.css', async (_request, reply) => reply.header('Content-Type', 'text/css; charset=utf-8').send(await fs.readFile(WEB('app.css'), 'utf8')));
  app.get('/app.js', async (_request, reply) => {
    bundle ??= bundleScript().catch((error: unknown) => {
      bundle = null; // a later request tries again
      throw error;
    });
    return reply.header('Content-Type', 'text/javascript; charset=utf-8').send(await bundle);
  });
}
