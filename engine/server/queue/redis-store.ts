/**
 * The JobStore in Redis, shared by the API server and every worker (`--queue`), so neither needs the other's disk:
 *
 *   cc:jobs                  set of job ids
 *   cc:job:<id>              hash: one JSON value per JobRecord field
 *   cc:job:<id>:up:<key>     uploaded bytes
 *   cc:job:<id>:report       report bytes, cc:job:<id>:results the legacy rows (JSON)
 *
 * Completed and failed are final: the scripts below refuse any change to a job in either state, atomically, so a late
 * progress event never undoes an outcome and a job never completes twice (a stalled job's first worker that finishes
 * after another took over finds the job already ended). Once a job ends, all of its keys expire after the retention;
 * before that they expire after PENDING_TTL_SECONDS, which bounds what a job that never runs can hold.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { JobOutcome, JobRecord, JobSpec, JobStore, NewUpload, ResultRow } from '../jobs/types.ts';
import { KEY_PREFIX, pingWithin } from './connection.ts';
import { completedChange, pendingJob } from '../jobs/job-states.ts';

const PENDING_TTL_SECONDS = 7 * 24 * 3600;
const IDS = `${KEY_PREFIX}:jobs`;
const UPLOAD_KEY = /^[0-9]{2}-[0-9a-f]{16}$/;
const READY_TIMEOUT_MS = 1000;

/** KEYS: the job's hash, then every other key of the job. ARGV[1]: retention seconds; then field/value pairs. */
const UPDATE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if status == '"completed"' or status == '"failed"' then return -1 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local now = redis.call('HGET', KEYS[1], 'status')
if now == '"completed"' or now == '"failed"' then
  for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[1]) end
end
return 1`;

/** As UPDATE, after storing the report (KEYS[2], ARGV[2]) and results (KEYS[3], ARGV[3]); field pairs from ARGV[4]. */
const COMPLETE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if status == '"completed"' or status == '"failed"' then return -1 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ARGV[1]) end
return 1`;

type Change = Parameters<JobStore['update']>[1];

function fields(change: Partial<JobRecord>): string[] {
  return Object.entries(change).flatMap(([name, value]) => (value === undefined ? [] : [name, JSON.stringify(value)]));
}

export class RedisJobStore implements JobStore {
  constructor(
    private readonly redis: Redis,
    private readonly retentionMinutes: number,
  ) {}

  private key(id: string, part?: string): string {
    return part ? `${KEY_PREFIX}:job:${id}:${part}` : `${KEY_PREFIX}:job:${id}`;
  }

  private allKeys(record: JobRecord): string[] {
    return [this.key(record.id), this.key(record.id, 'report'), this.key(record.id, 'results'), ...record.spec.uploads.map((u) => this.key(record.id, `up:${u.key}`))];
  }

  private get retentionSeconds(): number {
    return this.retentionMinutes * 60;
  }

  async create(spec: Omit<JobSpec, 'uploads'>, uploads: NewUpload[], reportName: string): Promise<JobRecord> {
    const id = randomUUID();
    const stored = uploads.map((upload, i) => ({ role: upload.role, displayName: upload.displayName, key: `${String(i).padStart(2, '0')}-${randomBytes(8).toString('hex')}`, bytes: upload.data.byteLength }));
    const record = pendingJob(id, spec, stored, reportName);
    // One transaction: a job is either wholly stored with its uploads or not at all.
    const tx = this.redis.multi();
    stored.forEach((upload, i) => tx.set(this.key(id, `up:${upload.key}`), Buffer.from(uploads[i]!.data), 'EX', PENDING_TTL_SECONDS));
    tx.hset(this.key(id), ...fields(record));
    tx.expire(this.key(id), PENDING_TTL_SECONDS);
    tx.sadd(IDS, id);
    const replies = await tx.exec();
    const failed = replies?.find(([error]) => error);
    if (!replies || failed) throw failed?.[0] ?? new Error(`Job ${id} was not stored`);
    return record;
  }

  async get(id: string): Promise<JobRecord | null> {
    const hash = await this.redis.hgetall(this.key(id));
    if (!hash.status) return null;
    return Object.fromEntries(Object.entries(hash).map(([name, value]) => [name, JSON.parse(value) as unknown])) as unknown as JobRecord;
  }

  async list(): Promise<JobRecord[]> {
    const ids = await this.redis.smembers(IDS);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, i) => records[i] === null);
    if (gone.length > 0) await this.redis.srem(IDS, ...gone); // expired with their retention
    return records.filter((r): r is JobRecord => r !== null);
  }

  async update(id: string, change: Change): Promise<JobRecord | null> {
    const record = await this.get(id);
    if (!record) return null;
    const applied = (await this.redis.eval(UPDATE, this.allKeys(record).length, ...this.allKeys(record), this.retentionSeconds, ...fields(change))) as number;
    return applied === 0 ? null : this.get(id);
  }

  async readUpload(id: string, key: string): Promise<Uint8Array> {
    const bytes = UPLOAD_KEY.test(key) ? await this.redis.getBuffer(this.key(id, `up:${key}`)) : null;
    if (!bytes) throw new Error(`No upload ${key} in job ${id}`);
    return bytes;
  }

  async complete(id: string, report: Uint8Array, outcome: JobOutcome): Promise<JobRecord | null> {
    const record = await this.get(id);
    if (!record) return null;
    const change = completedChange(record, outcome);
    const keys = this.allKeys(record);
    const applied = (await this.redis.eval(COMPLETE, keys.length, ...keys, this.retentionSeconds, Buffer.from(report), JSON.stringify(outcome.results), ...fields(change))) as number;
    return applied === 0 ? null : this.get(id);
  }

  private async readCompleted(id: string, part: 'report' | 'results'): Promise<Buffer | null> {
    if ((await this.redis.hget(this.key(id), 'status')) !== '"completed"') return null;
    return this.redis.getBuffer(this.key(id, part));
  }

  readReport(id: string): Promise<Uint8Array | null> {
    return this.readCompleted(id, 'report');
  }

  async readResults(id: string): Promise<ResultRow[] | null> {
    const bytes = await this.readCompleted(id, 'results');
    return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as ResultRow[]);
  }

  async remove(id: string): Promise<void> {
    const record = await this.get(id);
    const tx = this.redis.multi().srem(IDS, id);
    if (record) tx.del(...this.allKeys(record));
    await tx.exec();
  }

  async check(): Promise<{ status: 'ready' } | { status: 'not_ready'; error: string }> {
    try {
      await pingWithin(this.redis, READY_TIMEOUT_MS);
      return { status: 'ready' };
    } catch (error) {
      return { status: 'not_ready', error: `Redis queue unreachable: ${(error as Error).message}` };
    }
  }
}
