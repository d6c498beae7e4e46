/**
 * `POST /api/upload/preview`: the columns of a policy workbook and the text and policy columns detected (SPEC
 * §4.3–4.4). The workbook is read in an analysis process, like a job, so a 50 MB upload never stalls other requests.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { MESSAGES } from '../dutch.ts';
import { HttpError } from '../http-error.ts';
import { inAnalysisProcess } from '../jobs/analysis-client.ts';
import { checkWorkbook, readMultipart } from '../uploads.ts';

export function previewRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/api/upload/preview', async (request) => {
    const form = await readMultipart(request);
    const policy = form.files.find((f) => f.role === 'policy_file');
    if (!policy) throw new HttpError(400, MESSAGES.policyMissing);
    if (policy.data.byteLength === 0) throw new HttpError(400, MESSAGES.emptyUpload);
    checkWorkbook(policy);
    const workDir = path.join(context.scratchDir, randomBytes(8).toString('hex'));
    try {
      const reply = await inAnalysisProcess({ type: 'preview', file: { role: 'policy_file', name: policy.name, data: policy.data }, workDir });
      if (reply.type === 'previewed') return reply.preview;
      if (reply.type === 'failed' && reply.input) throw new HttpError(400, reply.error);
      request.log.error(reply.type === 'failed' ? reply.cause : `unexpected reply ${reply.type}`);
      throw new HttpError(500, MESSAGES.internal);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  });
}
