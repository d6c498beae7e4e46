/**
 * Prometheus metrics of `/metrics` (SPEC §14): the figures the legacy deployment guide tells operators to watch —
 * jobs by state, job duration, rows analysed, cascade exits and signal evaluations, upload bytes, process CPU and
 * memory. One registry per server, so several servers in one process (tests) never share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_STATUSES, type EndedStatus, type JobOutcome, type JobStatus, type JobStore } from './jobs/types.ts';

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram;
  private readonly rows: Counter;
  private readonly exits: Counter;
  private readonly evaluations: Counter;
  private readonly uploadBytes: Counter;

  constructor(store: JobStore) {
    collectDefaultMetrics({ register: this.registry, prefix: 'clause_cascade_' });
    new Gauge({
      name: 'clause_cascade_jobs',
      help: 'Jobs held by the server, by state',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = new Map<JobStatus, number>(JOB_STATUSES.map((s) => [s, 0]));
        for (const job of await store.list()) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
        for (const [state, count] of counts) this.set({ state }, count);
      },
    });
    this.duration = new Histogram({
      name: 'clause_cascade_job_duration_seconds',
      help: 'Time from start to end of an analysis job, by outcome',
      labelNames: ['status'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [this.registry],
    });
    this.rows = new Counter({ name: 'clause_cascade_rows_analysed_total', help: 'Policy rows analysed by completed jobs', registers: [this.registry] });
    this.exits = new Counter({ name: 'clause_cascade_cascade_exits_total', help: 'Cascade decisions by exit reason', labelNames: ['reason'], registers: [this.registry] });
    this.evaluations = new Counter({ name: 'clause_cascade_signal_evaluations_total', help: 'Pair values computed, by signal', labelNames: ['signal'], registers: [this.registry] });
    this.uploadBytes = new Counter({ name: 'clause_cascade_upload_bytes_total', help: 'Bytes of uploaded files accepted', registers: [this.registry] });
  }

  uploaded(bytes: number): void {
    this.uploadBytes.inc(bytes);
  }

  jobEnded(status: EndedStatus, seconds: number, outcome: JobOutcome | null): void {
    this.duration.observe({ status }, seconds);
    if (!outcome) return;
    this.rows.inc(outcome.stats.total_rows);
    for (const [reason, count] of Object.entries(outcome.exits)) if (count > 0) this.exits.inc({ reason }, count);
    for (const [signal, count] of Object.entries(outcome.signalEvaluations)) if (count > 0) this.evaluations.inc({ signal }, count);
  }
}
