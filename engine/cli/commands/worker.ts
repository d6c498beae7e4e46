/** `clause-cascade worker`: runs the jobs that `clause-cascade serve --queue` puts on a Redis-backed BullMQ queue. */
import { resolveSettings, settingSpec } from '../../config/settings.ts';
import type { CliCommand } from '../command.ts';
import { parseWholeNumber } from '../numbers.ts';
import { allowedValues } from '../settings-flags.ts';

interface WorkerFlags {
  queue: string;
  concurrency: number;
  lockSeconds: number;
  threads?: string;
}

export const workerCommand: CliCommand = {
  name: 'worker',
  register(program, context) {
    program
      .command('worker')
      .summary('Run analysis jobs from the queue of `serve --queue` (any number of workers, on any machine)')
      .description('Take jobs from the BullMQ queue in Redis that `clause-cascade serve --queue` fills, run each in its own analysis process and store the report in Redis. Stops on Ctrl+C after its running jobs end; a worker killed mid-job has its job taken over by another worker after --lock-seconds.')
      .requiredOption('--queue <redis-url>', 'The Redis of the queue: redis://host:port[/db], the same URL as the server\'s --queue')
      .option('--concurrency <n>', 'Jobs this worker runs at once (each in its own process)', (v: string) => parseWholeNumber('--concurrency', v, 1), 1)
      .option('--threads <n>', `The threads setting (${allowedValues(settingSpec('threads')!)}; 0: one per core) of every analysis this worker runs, and the partition blocks it clusters at once (default: each job's own setting, and --concurrency blocks)`)
      .option('--lock-seconds <n>', 'Lock of a running job; a dead worker\'s job is taken over after about this long', (v: string) => parseWholeNumber('--lock-seconds', v, 1), 30)
      .action(async (flags: WorkerFlags) => {
        const { connectRedis, QueueWorker } = await import('../../server/queue/index.ts');
        // Validated as the setting it is, so its range and message are the engine's.
        const threads = flags.threads === undefined ? undefined : resolveSettings({ threads: flags.threads }).threads;
        const redis = await connectRedis(flags.queue);
        const worker = new QueueWorker(redis, {
          concurrency: flags.concurrency,
          lockSeconds: flags.lockSeconds,
          ...(threads === undefined ? {} : { threads }),
          log: (level, message) => process.stderr.write(`${level}: ${message}\n`),
        });
        await worker.start();
        process.stdout.write(`Clause Cascade worker on ${flags.queue} (concurrency ${flags.concurrency}${threads === undefined ? '' : `, threads ${threads}`})\n`);
        await new Promise<void>((resolve) => {
          const stop = () => void worker.close().finally(() => redis.quit().catch(() => undefined)).finally(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        context.exitCode = 0;
      });
  },
};
