/** `clause-cascade serve` (SPEC §14): the legacy web app's HTTP API, durable jobs and a web page. */
import type { CliCommand } from '../command.ts';
import { parseWholeNumber } from '../numbers.ts';

interface ServeFlags {
  host: string;
  port: number;
  dataDir?: string;
  maxConcurrentJobs: number;
  jobRetentionMinutes: number;
  corsOrigin?: string[];
  environment?: string;
  queue?: string;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, context) {
    program
      .command('serve')
      .summary('Serve the HTTP API (wire-compatible with the legacy web app) and the web page')
      .description('Serve the HTTP API of the legacy web app, with durable jobs under --data-dir, Prometheus metrics at /metrics and a web page at /. Stops on Ctrl+C; running jobs are then reported failed after the next start.')
      .option('--host <host>', 'Interface to bind; 0.0.0.0 exposes the server to the network', '127.0.0.1')
      .option('--port <n>', 'TCP port (0: any free port)', (v: string) => parseWholeNumber('--port', v), 8000)
      .option('--data-dir <dir>', 'Folder for uploads, job state and reports (default: the per-user cache folder, clause-cascade/server)')
      .option('--max-concurrent-jobs <n>', 'Analyses running at once; others wait as pending', (v: string) => parseWholeNumber('--max-concurrent-jobs', v, 1), 1)
      .option('--job-retention-minutes <n>', 'How long an ended job and its report stay downloadable', (v: string) => parseWholeNumber('--job-retention-minutes', v, 1), 60)
      .option('--cors-origin <origin...>', 'Origins allowed to call the API from a browser (none by default)')
      .option('--environment <name>', 'Environment name reported by /health (default: $CLAUSE_CASCADE_ENVIRONMENT or production)')
      .option('--queue <redis-url>', 'Run jobs on a BullMQ queue in Redis (redis://host:port[/db]) served by `clause-cascade worker` processes, instead of in this process')
      .action(async (flags: ServeFlags) => {
        const { startServer } = await import('../../server/app.ts');
        const { defaultServerOptions } = await import('../../server/options.ts');
        const defaults = defaultServerOptions();
        const { UsageError } = await import('../../util/errors.ts');
        const server = await startServer({
          host: flags.host,
          port: flags.port,
          dataDir: flags.dataDir ?? defaults.dataDir,
          maxConcurrentJobs: flags.maxConcurrentJobs,
          jobRetentionMinutes: flags.jobRetentionMinutes,
          corsOrigins: flags.corsOrigin ?? [],
          environment: flags.environment ?? defaults.environment,
          ...(flags.queue ? { queue: flags.queue } : {}),
        }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new UsageError(`Port ${flags.port} on ${flags.host} is already in use; stop the other server or choose another --port.`);
          if (error.code === 'EACCES' || error.code === 'EPERM') throw new UsageError(`Cannot use ${flags.dataDir ?? defaults.dataDir} or port ${flags.port} (permission denied): ${error.message}`);
          throw error;
        });
        process.stdout.write(`Clause Cascade serving on ${server.url} (data folder ${flags.dataDir ?? defaults.dataDir})\n`);
        await new Promise<void>((resolve) => {
          const stop = () => void server.close().finally(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        context.exitCode = 0;
      });
  },
};
