/**
 * Embedding models shared by the runs of an experiment: each distinct model (id or folder, precision, model folder)
 * is loaded once, on first use, and every run gets a cold fork of it — same loaded inference session, empty in-run
 * memo, zeroed counters and no disk vector cache — so inference counts and timings are per run and no run pre-pays
 * another's work (the `full` baseline embeds every text up front). `close()` releases every model once.
 */
import { enabledSignals, type Settings } from '../config/settings.ts';
import { loadEmbeddingProvider, resolveModelSource } from '../signals/embeddings/index.ts';
import type { EmbeddingAvailability } from '../signals/suite.ts';

export interface ModelFact {
  /** as configured */
  model: string;
  /** `fp32-…` content variant when loaded */
  variant: string | null;
  loadMs: number;
  /** why the model could not be used (the runs went on without the embedding signal) */
  unavailable: string | null;
}

export interface SharedModels {
  /** Availability for one run with these settings, or undefined when the run does not use embeddings. */
  forRun(settings: Settings): Promise<EmbeddingAvailability | undefined>;
  /** Models loaded (or found unavailable) so far, in first-use order. */
  facts(): ModelFact[];
  close(): Promise<void>;
}

type Log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

function modelKey(settings: Settings): string {
  const source = resolveModelSource(settings);
  const where = 'folder' in source ? source.folder : settings.embeddings.model[settings.mode];
  return JSON.stringify([where, settings.embeddings.quantized, settings.embeddings.allowRemote]);
}

export function createSharedModels(log: Log = () => undefined): SharedModels {
  const loads = new Map<string, { load: Promise<EmbeddingAvailability>; fact: ModelFact }>();
  const closed = new Set<string>();
  const entry = (settings: Settings) => {
    const key = modelKey(settings);
    let found = loads.get(key);
    if (!found) {
      const fact: ModelFact = { model: settings.embeddings.model[settings.mode], variant: null, loadMs: 0, unavailable: null };
      const noDisk: Settings = { ...settings, embeddings: { ...settings.embeddings, diskCache: false } };
      const t0 = performance.now();
      const load = loadEmbeddingProvider(noDisk, log).then((result) => {
        fact.loadMs = performance.now() - t0;
        if (result.available) fact.variant = result.provider.variant;
        else {
          fact.unavailable = result.reason;
          log('warn', `Embeddings unavailable: ${result.reason}`);
        }
        return result as EmbeddingAvailability;
      });
      found = { load, fact };
      loads.set(key, found);
    }
    return found;
  };
  return {
    async forRun(settings) {
      if (!enabledSignals(settings).includes('embeddings')) return undefined;
      const load = await entry(settings).load;
      return load.available ? { available: true, provider: load.provider.fork() } : load;
    },
    facts: () => [...loads.values()].map((l) => ({ ...l.fact })),
    async close() {
      for (const [key, entry] of [...loads.entries()]) {
        if (closed.has(key)) continue;
        closed.add(key);
        const result = await entry.load.catch(() => null);
        if (result?.available) await result.provider.close();
      }
    },
  };
}
