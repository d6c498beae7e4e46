/** The legacy job routes (upload, status, results, report) and our DELETE /api/jobs/{id} (SPEC §14). */
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { resolveSettings, SettingError } from '../../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { invalidField, MESSAGES } from '../dutch.ts';
import { FieldError, parseAnalyzeForm } from '../form.ts';
import { HttpError } from '../http-error.ts';
import type { JobRecord, NewUpload } from '../jobs/types.ts';
import { checkWorkbook, readMultipart, type UploadedFile } from '../uploads.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The policy upload, or 400 when it is missing or empty (the legacy message). */
export function policyUpload(files: UploadedFile[]): UploadedFile {
  const policy = files.find((f) => f.role === 'policy_file');
  if (!policy || policy.data.byteLength === 0) throw new HttpError(400, MESSAGES.policyMissing);
  return policy;
}

function statusBody(job: JobRecord) {
  return { job_id: job.id, status: job.status, progress: job.progress, status_message: job.statusMessage, error: job.error, stats: job.status === 'completed' ? job.stats : null };
}

/** `attachment; filename="…"` exactly as the legacy API sends it, plus RFC 5987 `filename*` when the name is not ASCII. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function jobRoutes(app: FastifyInstance, context: ServerContext): void {
  const { store, runner } = context;

  const job = async (id: string): Promise<JobRecord> => {
    const found = await store.get(id);
    if (!found) throw new HttpError(404, MESSAGES.jobNotFound);
    return found;
  };

  app.post('/api/analyze', (request, reply) => acceptAnalysis(context, request, reply));

  app.get<{ Params: { id: string } }>('/api/status/:id', async (request) => statusBody(await job(request.params.id)));

  app.get<{ Params: { id: string } }>('/api/results/:id', async (request, reply) => {
    const found = await job(request.params.id);
    if (found.status === 'failed') throw new HttpError(400, `${MESSAGES.failed}: ${found.error ?? ''}`.trim());
    const results = found.status === 'completed' ? await store.readResults(found.id) : null;
    if (!results) return reply.code(202).send({ detail: MESSAGES.resultsNotReady });
    return { job_id: found.id, status: found.status, stats: found.stats, results };
  });

  app.get<{ Params: { id: string } }>('/api/report/:id', async (request, reply) => {
    const found = await job(request.params.id);
    const report = found.status === 'completed' ? await store.readReport(found.id) : null;
    if (!report) throw new HttpError(400, MESSAGES.reportNotReady);
    return reply.header('Content-Type', XLSX_TYPE).header('Content-Disposition', contentDisposition(found.reportName)).send(Buffer.from(report));
  });

  app.delete<{ Params: { id: string } }>('/api/jobs/:id', async (request, reply) => {
    const found = await job(request.params.id);
    if (found.status === 'pending' || found.status === 'running') await runner.cancel(found.id);
    await store.remove(found.id);
    return reply.code(204).send();
  });
}

export async function acceptAnalysis(context: ServerContext, request: Parameters<typeof readMultipart>[0], reply: FastifyReply) {
  const form = await readMultipart(request);
  const policy = policyUpload(form.files);
  let parsed;
  try {
    parsed = parseAnalyzeForm(form.fields);
    resolveSettings(parsed.settings);
  } catch (error) {
    if (error instanceof FieldError) throw new HttpError(422, error.message);
    if (error instanceof SettingError) throw new HttpError(422, invalidField(error.setting, error.message));
    throw error;
  }
  for (const file of form.files) if (file.role === 'policy_file' || file.role === 'clause_library_files') checkWorkbook(file);

  const warnings: string[] = [];
  const uploads: NewUpload[] = [{ role: 'policy_file', displayName: policy.name, data: policy.data }];
  for (const file of form.files) {
    if (file.role === 'conditions_files' && parsed.useConditions) uploads.push({ role: file.role, displayName: file.name, data: file.data });
    if (file.role === 'clause_library_files') uploads.push({ role: file.role, displayName: file.name, data: file.data });
    if (file.role === 'reference_file') warnings.push(`Referentiebestand ${file.name} is ontvangen maar wordt niet gebruikt.`);
  }
  if (!parsed.useConditions && form.files.some((f) => f.role === 'conditions_files')) warnings.push('Voorwaarden zijn ontvangen maar niet gebruikt (use_conditions is false).');
  if (parsed.aiEnabled) warnings.push('AI-analyse (ai_enabled) is niet beschikbaar; de analyse gebruikt de vaste regels.');
  if (parsed.extraInstruction.trim() !== '') uploads.push({ role: 'extra_instruction', displayName: 'instructies.txt', data: Buffer.from(parsed.extraInstruction, 'utf8') });

  const reportName = `${path.basename(policy.name, path.extname(policy.name))}_clause-cascade.xlsx`;
  let created: JobRecord;
  try {
    created = await context.store.create({ settings: parsed.settings, warnings }, uploads, reportName);
  } catch (error) {
    request.log.error({ err: error }, 'could not store the job');
    throw new HttpError(503, MESSAGES.storageUnavailable);
  }
  context.metrics.uploaded(form.bytes);
  context.runner.submit(created.id);
  return reply.send({ job_id: created.id, status: 'pending' });
}
