/**
 * Where the report and the JSON summary go (SPEC §10.1). Every check happens before the analysis starts, so a run
 * that would overwrite an input or an existing file is refused up front.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../util/errors.ts';

export const REPORT_SUFFIX = '_clause-cascade';
export const REPORT_EXTENSION = '.xlsx';
export const JSON_EXTENSION = '.json';

export interface OutputRequest {
  /** Every file the run reads: the policy workbook first, then conditions, library and instructions files. */
  inputFiles: string[];
  /** Explicit report path; default `{input folder}/{input stem}_clause-cascade.xlsx`. */
  out?: string;
  /** Explicit JSON summary path, `-` for standard output, false for no summary; default next to the report. */
  json?: string | false;
  overwrite: boolean;
}

export interface OutputPaths {
  report: string;
  /** Absolute path, `-` (standard output) or null (no summary). */
  json: string | null;
}

/** `{report stem}.json` next to the report. */
export function jsonPathFor(reportPath: string): string {
  const parsed = path.parse(path.resolve(reportPath));
  return path.join(parsed.dir, parsed.name + JSON_EXTENSION);
}

/**
 * `{input folder}/{input stem}_clause-cascade.xlsx`, with ` (2)`, ` (3)`, … before the extension while that file
 * exists. A leftover JSON summary of that name also counts as taken, so the default never overwrites anything.
 */
export function defaultReportPath(inputFile: string): string {
  const parsed = path.parse(path.resolve(inputFile));
  for (let n = 1; ; n++) {
    const name = `${parsed.name}${REPORT_SUFFIX}${n === 1 ? '' : ` (${n})`}${REPORT_EXTENSION}`;
    const candidate = path.join(parsed.dir, name);
    if (!existsSync(candidate) && !existsSync(jsonPathFor(candidate))) return candidate;
  }
}

const caseInsensitiveFs = process.platform === 'win32' || process.platform === 'darwin';

/** Resolves symbolic links in the path (the file itself need not exist) for comparison with the inputs. */
function canonical(file: string): string {
  const absolute = path.resolve(file);
  let resolved: string;
  try {
    resolved = realpathSync.native(absolute);
  } catch {
    try {
      resolved = path.join(realpathSync.native(path.dirname(absolute)), path.basename(absolute));
    } catch {
      resolved = absolute;
    }
  }
  return caseInsensitiveFs ? resolved.toLowerCase() : resolved;
}

function sameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0; // hard links
  } catch {
    return false;
  }
}

function checkTarget(target: string, what: string, request: OutputRequest, flag: string): void {
  const folder = path.dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`The folder of the ${what} does not exist: ${folder}. Create it or choose another ${flag}.`);
  }
  for (const input of request.inputFiles) {
    if (sameFile(target, input)) {
      throw new UsageError(`The ${what} ${target} is an input file of this run (${path.resolve(input)}); choose another ${flag}.`);
    }
  }
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) {
      throw new UsageError(`The ${what} ${target} is a folder; give a file name with ${flag}.`);
    }
    if (!request.overwrite) {
      throw new UsageError(`The ${what} ${target} already exists; allow overwriting (--overwrite) or choose another ${flag}.`);
    }
  }
}

/**
 * The report and JSON summary paths of a run: the default report path, or an explicit one that must end in
 * `.xlsx`, lie in an existing folder, not be (a link to) an input file, and not exist unless overwriting is allowed.
 * The JSON summary obeys the same rules and may not coincide with the report.
 */
export function resolveOutputPath(request: OutputRequest): OutputPaths {
  const [policyFile] = request.inputFiles;
  if (request.out === undefined && policyFile === undefined) {
    throw new UsageError('No input file and no output path: cannot choose where the report goes.');
  }
  let report: string;
  if (request.out !== undefined) {
    if (request.out.trim() === '') throw new UsageError('The report path is empty; give a file name ending in .xlsx.');
    report = path.resolve(request.out);
    if (path.extname(report).toLowerCase() !== REPORT_EXTENSION) {
      throw new UsageError(`The report must be an .xlsx file: ${report}.`);
    }
  } else {
    report = defaultReportPath(policyFile!);
  }
  checkTarget(report, 'report', request, '--out');

  let json: string | null;
  if (request.json === false) json = null;
  else if (request.json === '-') json = '-';
  else {
    const explicit = request.json !== undefined;
    if (explicit && request.json!.trim() === '') throw new UsageError('The JSON summary path is empty; give a file name or -.');
    json = explicit ? path.resolve(request.json!) : jsonPathFor(report);
    if (sameFile(json, report)) throw new UsageError(`The JSON summary cannot be written to the report file ${report}; choose another --json.`);
    checkTarget(json, 'JSON summary', request, explicit ? '--json' : '--out or --json');
  }
  return { report, json };
}
