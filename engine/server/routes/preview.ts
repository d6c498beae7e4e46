/** `POST /api/upload/preview`: the columns of a policy workbook and the text and policy columns detected (SPEC §4.3–4.4). */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { defaultSettings } from '../../config/settings.ts';
import { readPolicyWorkbook } from '../../ingest/index.ts';
import { InputError } from '../../util/errors.ts';
import type { ServerContext } from '../context.ts';
import { dutchError, MESSAGES } from '../dutch.ts';
import { HttpError } from '../http-error.ts';
import { checkWorkbook, readMultipart } from '../uploads.ts';

export function previewRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/api/upload/preview', async (request) => {
    const form = await readMultipart(request);
    const policy = form.files.find((f) => f.role === 'policy_file');
    if (!policy) throw new HttpError(400, MESSAGES.policyMissing);
    if (policy.data.byteLength === 0) throw new HttpError(400, MESSAGES.emptyUpload);
    checkWorkbook(policy);
    // The engine reads files; the upload gets a private folder under the data dir and is deleted right after.
    const dir = path.join(context.scratchDir, randomBytes(8).toString('hex'));
    const file = path.join(dir, policy.name);
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(file, policy.data, { flag: 'wx' });
      const table = await readPolicyWorkbook(file, defaultSettings().input);
      return { columns: table.headers, row_count: table.rows.length, text_column: table.textColumn.header, policy_column: table.policyColumn?.header ?? null };
    } catch (error) {
      if (error instanceof InputError) throw new HttpError(400, dutchError(error, [[file, policy.name]]));
      throw error;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
}
