/**
 * The JobStore on the local disk, under the server's data folder:
 *
 *   jobs/<id>/job.json        state (rewritten atomically on every change)
 *   jobs/<id>/uploads/<key>   uploaded bytes under generated names (client names are never paths)
 *   jobs/<id>/report.xlsx     written before job.json says `completed`
 *   jobs/<id>/results.json
 *
 * Every write is temp file + rename, so a killed process leaves either the old or the new file, never half of one.
 * State is also kept in memory; the files are what survives a restart.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic.ts';
import type { JobOutcome, JobRecord, JobSpec, JobStore, NewUpload, ResultRow } from './types.ts';
import { completedChange, pendingJob } from './job-states.ts';

const JOB_FILE = 'job.json';
const REPORT_FILE = 'report.xlsx';
const RESULTS_FILE = 'results.json';
const UPLOADS = 'uploads';
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UPLOAD_KEY = /^[0-9]{2}-[0-9a-f]{16}$/;

export class FileJobStore implements JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  /** Writes of one job run one after another, so an older state never lands after a newer one. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly jobsDir: string;

  private constructor(readonly dataDir: string) {
    this.jobsDir = path.join(dataDir, 'jobs');
  }

  /** Opens (creating when needed) the store and loads every job that survived a restart. */
  static async open(dataDir: string): Promise<FileJobStore> {
    const store = new FileJobStore(path.resolve(dataDir));
    await fs.mkdir(store.jobsDir, { recursive: true });
    for (const entry of await fs.readdir(store.jobsDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !JOB_ID.test(entry.name)) continue;
      const text = await fs.readFile(path.join(store.jobsDir, entry.name, JOB_FILE), 'utf8').catch(() => null);
      if (text === null) {
        // A job whose first state write never finished: nothing of it was ever acknowledged to a client.
        await fs.rm(path.join(store.jobsDir, entry.name), { recursive: true, force: true });
        continue;
      }
      let record: JobRecord;
      try {
        record = JSON.parse(text) as JobRecord;
      } catch {
        continue; // not written by this store (writes are atomic): left alone for the operator, never served
      }
      if (record.id === entry.name) store.jobs.set(record.id, record);
    }
    return store;
  }

  private dir(id: string): string {
    return path.join(this.jobsDir, id);
  }

  async create(spec: Omit<JobSpec, 'uploads'>, uploads: NewUpload[], reportName: string): Promise<JobRecord> {
    const id = randomUUID();
    const uploadDir = path.join(this.dir(id), UPLOADS);
    await fs.mkdir(uploadDir, { recursive: true });
    try {
      const stored = await Promise.all(
        uploads.map(async (upload, i) => {
          const key = `${String(i).padStart(2, '0')}-${randomBytes(8).toString('hex')}`;
          await writeFileAtomic(path.join(uploadDir, key), upload.data);
          return { role: upload.role, displayName: upload.displayName, key, bytes: upload.data.byteLength };
        }),
      );
      const record = pendingJob(id, spec, stored, reportName);
      await writeFileAtomic(path.join(this.dir(id), JOB_FILE), JSON.stringify(record));
      this.jobs.set(id, record);
      return structuredClone(record);
    } catch (error) {
      await fs.rm(this.dir(id), { recursive: true, force: true });
      throw error;
    }
  }

  async get(id: string): Promise<JobRecord | null> {
    const record = this.jobs.get(id);
    return record ? structuredClone(record) : null;
  }

  async list(): Promise<JobRecord[]> {
    return [...this.jobs.values()].map((r) => structuredClone(r));
  }

  private persist(id: string, write: () => Promise<void>): Promise<void> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.writes.set(id, next);
    void next.finally(() => {
      if (this.writes.get(id) === next) this.writes.delete(id);
    }).catch(() => undefined);
    return next;
  }

  private async save(record: JobRecord): Promise<void> {
    const snapshot = JSON.stringify(record);
    await this.persist(record.id, async () => {
      if (this.jobs.get(record.id) !== record) return; // removed meanwhile
      await writeFileAtomic(path.join(this.dir(record.id), JOB_FILE), snapshot);
    });
  }

  async update(id: string, change: Parameters<JobStore['update']>[1]): Promise<JobRecord | null> {
    const record = this.jobs.get(id);
    if (!record) return null;
    Object.assign(record, change);
    await this.save(record);
    return structuredClone(record);
  }

  async readUpload(id: string, key: string): Promise<Uint8Array> {
    if (!this.jobs.has(id) || !UPLOAD_KEY.test(key)) throw new Error(`No upload ${key} in job ${id}`);
    return fs.readFile(path.join(this.dir(id), UPLOADS, key));
  }

  async complete(id: string, report: Uint8Array, outcome: JobOutcome): Promise<JobRecord | null> {
    const record = this.jobs.get(id);
    if (!record) return null;
    await writeFileAtomic(path.join(this.dir(id), REPORT_FILE), report);
    await writeFileAtomic(path.join(this.dir(id), RESULTS_FILE), JSON.stringify(outcome.results));
    Object.assign(record, completedChange(record, outcome));
    await this.save(record);
    return structuredClone(record);
  }

  private async readCompleted(id: string, file: string): Promise<Buffer | null> {
    if (this.jobs.get(id)?.status !== 'completed') return null;
    return fs.readFile(path.join(this.dir(id), file)).catch(() => null);
  }

  readReport(id: string): Promise<Uint8Array | null> {
    return this.readCompleted(id, REPORT_FILE);
  }

  async readResults(id: string): Promise<ResultRow[] | null> {
    const bytes = await this.readCompleted(id, RESULTS_FILE);
    return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as ResultRow[]);
  }

  async remove(id: string): Promise<void> {
    if (!this.jobs.delete(id)) return;
    await this.persist(id, () => fs.rm(this.dir(id), { recursive: true, force: true }));
  }

  async check(): Promise<{ status: 'ready' } | { status: 'not_ready'; error: string }> {
    const probe = path.join(this.dataDir, `.ready-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await fs.writeFile(probe, 'ok', { flag: 'wx' });
      await fs.rm(probe, { force: true });
      return { status: 'ready' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      return { status: 'not_ready', error: `Data folder ${this.dataDir} is not writable (${code})` };
    }
  }
}
