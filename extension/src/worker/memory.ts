/**
 * The analysis process's heap cap, sized from the workbook and the machine instead of one fixed figure. Estimates
 * come from measured runs (generated workbooks, default settings): about 12.5 KB of memory per row, which is ~285×
 * the bytes of an .xlsx (compressed) and ~54× those of a .csv; the factors below add ~25% on top. Pure.
 */
const MB = 1024 * 1024;
const BASE_MB = 256;
const PER_FILE_MB = { xlsx: 360, csv: 70 } as const;
/** Never below what the engine needs for small files, never more than this share of the machine's memory. */
const MIN_HEAP_MB = 2048;
const MACHINE_SHARE = 0.8;

export interface MemoryPlan {
  /** the workbook's estimated peak need */
  needMb: number;
  /** the heap cap the worker gets (--max-old-space-size) */
  heapMb: number;
  /** whether the need fits in the share of the machine an analysis may take */
  fits: boolean;
  machineMb: number;
}

export function memoryPlan(file: string, fileBytes: number, machineBytes: number): MemoryPlan {
  const perFileMb = /\.csv$/i.test(file) ? PER_FILE_MB.csv : PER_FILE_MB.xlsx;
  const needMb = Math.ceil(BASE_MB + (perFileMb * fileBytes) / MB);
  const machineMb = Math.floor(machineBytes / MB);
  const allowedMb = Math.floor(machineMb * MACHINE_SHARE);
  const heapMb = Math.min(allowedMb, Math.max(MIN_HEAP_MB, Math.ceil(needMb * 1.5)));
  return { needMb, heapMb, fits: needMb <= allowedMb, machineMb };
}

/** A worker that ran out of heap says so on stderr; V8 prints one of these before it aborts. */
export function isOutOfMemory(stderr: string): boolean {
  return /heap out of memory|Allocation failed - JavaScript heap|Reached heap limit/i.test(stderr);
}
