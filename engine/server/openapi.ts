/** `GET /api/openapi.json`: an OpenAPI 3 description of every route (SPEC §14). */
import { engineVersion } from '../util/version.ts';
import { MAX_INSTRUCTION_CHARS } from './form.ts';
import { JOB_STATUSES } from './jobs/types.ts';

const detail = { type: 'object', required: ['detail'], properties: { detail: { type: 'string', description: 'Dutch message for the user' } } };
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const jobId = { name: 'job_id', in: 'path', required: true, schema: { type: 'string' } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const integer = (min: number, max: number, def: number) => ({ type: 'string', pattern: '^[0-9]+$', description: `integer ${min}–${max}, default ${def}` });
const flag = { type: 'string', enum: ['true', 'false'] };
const health = (status: string) => json(`status ${status}`, { type: 'object' });

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Clause Cascade', version: engineVersion(), description: 'Wire-compatible with the legacy web app API; errors are {detail} in Dutch.' },
    paths: {
      '/api/upload/preview': {
        post: {
          summary: 'Columns, row count and detected text and policy columns of a policy workbook',
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', required: ['policy_file'], properties: { policy_file: { type: 'string', format: 'binary' } } } } } },
          responses: { 200: json('preview', ref('Preview')), 400: error('empty, missing, unreadable or wrong type'), 413: error('over 50 MB') },
        },
      },
      '/api/analyze': {
        post: {
          summary: 'Start an analysis job',
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['policy_file'],
                  properties: {
                    policy_file: { type: 'string', format: 'binary', description: '.xlsx or .csv' },
                    conditions_files: { type: 'array', items: { type: 'string', format: 'binary' }, description: '.txt, .md, .docx, .pdf' },
                    clause_library_files: { type: 'array', items: { type: 'string', format: 'binary' }, description: '.xlsx, .csv' },
                    reference_file: { type: 'string', format: 'binary', description: 'accepted and ignored (a warning in the job)' },
                    cluster_accuracy: integer(80, 100, 90),
                    min_frequency: integer(1, 1000, 20),
                    window_size: integer(10, 1000, 100),
                    use_conditions: flag,
                    use_window_limit: flag,
                    use_semantic: flag,
                    ai_enabled: flag,
                    analysis_mode: { type: 'string', enum: ['fast', 'balanced', 'accurate'], default: 'balanced' },
                    extra_instruction: { type: 'string', maxLength: MAX_INSTRUCTION_CHARS },
                    policy: { type: 'string', enum: ['full', 'seed', 'lossless'], default: 'lossless' },
                    partitions: integer(1, 64, 1),
                  },
                },
              },
            },
          },
          responses: { 200: json('job accepted', { type: 'object', properties: { job_id: { type: 'string' }, status: { type: 'string', enum: ['pending'] } } }), 400: error('missing/empty policy file, wrong type, unreadable workbook'), 413: error('a file over 50 MB, or too many parts'), 422: error('invalid field'), 503: error('data folder not writable') },
        },
      },
      '/api/status/{job_id}': { get: { summary: 'Job state', parameters: [jobId], responses: { 200: json('state', ref('Status')), 404: error('unknown or expired job') } } },
      '/api/results/{job_id}': {
        get: { summary: 'Report rows of a completed job', parameters: [jobId], responses: { 200: json('results', ref('Results')), 202: error('not completed yet'), 400: error('the job failed'), 404: error('unknown or expired job') } },
      },
      '/api/report/{job_id}': {
        get: {
          summary: 'The Excel report',
          parameters: [jobId],
          responses: { 200: { description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } }, 400: error('not completed'), 404: error('unknown or expired job') },
        },
      },
      '/api/jobs/{job_id}': { delete: { summary: 'Cancel a pending or running job, or delete an ended one', parameters: [jobId], responses: { 204: { description: 'gone' }, 404: error('unknown job') } } },
      ...Object.fromEntries(
        ['', '/api'].flatMap((prefix) => [
          [`${prefix}/health`, { get: { summary: 'Health', responses: { 200: health('healthy') } } }],
          [`${prefix}/health/live`, { get: { summary: 'Liveness', responses: { 200: health('alive') } } }],
          [`${prefix}/health/ready`, { get: { summary: 'Readiness with one check per dependency', responses: { 200: health('ready'), 503: health('not_ready') } } }],
        ]),
      ),
      '/api/cache/stats': { get: { summary: 'Embedding-vector cache statistics', responses: { 200: json('stats', { type: 'object', properties: { total_entries: { type: 'integer' } } }) } } },
      '/api/cache/clear': { post: { summary: 'Clear the embedding-vector cache', responses: { 200: json('cleared', ref('Cleared')) } } },
      '/api/cache/{key}': { delete: { summary: 'Clear one model key of the cache', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json('cleared', ref('Cleared')), 404: error('unknown key') } } },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: json('OpenAPI 3', { type: 'object' }) } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
      '/': { get: { summary: 'Web page', responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } } } },
    },
    components: {
      schemas: {
        Error: detail,
        Preview: { type: 'object', properties: { columns: { type: 'array', items: { type: 'string' } }, row_count: { type: 'integer' }, text_column: { type: 'string' }, policy_column: { type: 'string', nullable: true } } },
        Stats: {
          type: 'object',
          properties: {
            total_rows: { type: 'integer' },
            unique_clusters: { type: 'integer' },
            reduction_percentage: { type: 'integer' },
            multi_clause_count: { type: 'integer' },
            analysis_mode: { type: 'string' },
            advice_distribution: { type: 'object', additionalProperties: { type: 'integer' } },
          },
        },
        Status: {
          type: 'object',
          properties: {
            job_id: { type: 'string' },
            status: { type: 'string', enum: [...JOB_STATUSES] },
            progress: { type: 'integer', minimum: 0, maximum: 100 },
            status_message: { type: 'string' },
            error: { type: 'string', nullable: true },
            stats: { allOf: [ref('Stats')], nullable: true },
          },
        },
        Row: {
          type: 'object',
          properties: {
            cluster_id: { type: 'string' },
            cluster_name: { type: 'string' },
            frequency: { type: 'integer', nullable: true },
            advice_code: { type: 'string' },
            confidence: { type: 'string' },
            reason: { type: 'string' },
            reference_article: { type: 'string' },
            original_text: { type: 'string' },
            row_type: { type: 'string', enum: ['SINGLE'] },
            parent_id: { type: 'string', nullable: true },
          },
        },
        Results: { type: 'object', properties: { job_id: { type: 'string' }, status: { type: 'string' }, stats: ref('Stats'), results: { type: 'array', items: ref('Row') } } },
        Cleared: { type: 'object', properties: { status: { type: 'string' }, message: { type: 'string' }, cleared_count: { type: 'integer' } } },
      },
    },
  };
}
