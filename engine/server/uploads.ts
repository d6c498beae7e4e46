/**
 * Reading a legacy multipart request (SPEC §14): files per field, text fields, the 50 MB limit per file, safe base
 * names, allowed extensions. Errors are HttpErrors with the Dutch `detail` the legacy front end shows.
 */
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart'; // the request.parts() typings
import { CONDITIONS_EXTENSIONS } from '../advise/inputs/extract.ts';
import { LIBRARY_EXTENSIONS } from '../advise/inputs/library.ts';
import { TABLE_EXTENSIONS } from '../ingest/index.ts';
import { assertReadableWorkbook } from '../ingest/xlsx.ts';
import { allowedTypes, duplicateField, dutchError, MESSAGES, tooLarge } from './dutch.ts';
import { HttpError } from './http-error.ts';
import type { UploadRole } from './jobs/types.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Busboy limits: generous for the legacy form (a handful of fields, some dozens of files), small for abuse. */
export const MULTIPART_LIMITS = { fileSize: MAX_FILE_BYTES, files: 64, fields: 64, parts: 128, fieldSize: 64 * 1024, headerPairs: 200 } as const;

export const FILE_FIELDS: Readonly<Record<Exclude<UploadRole, 'extra_instruction'>, { extensions: readonly string[]; multiple: boolean }>> = {
  policy_file: { extensions: TABLE_EXTENSIONS, multiple: false },
  conditions_files: { extensions: CONDITIONS_EXTENSIONS, multiple: true },
  clause_library_files: { extensions: LIBRARY_EXTENSIONS, multiple: true },
  // The legacy tool compared against a reference export; accepted so its front end works, then ignored.
  reference_file: { extensions: TABLE_EXTENSIONS, multiple: false },
};

export interface UploadedFile {
  role: Exclude<UploadRole, 'extra_instruction'>;
  name: string;
  data: Buffer;
}

export interface MultipartForm {
  files: UploadedFile[];
  fields: Map<string, string>;
  bytes: number;
}

/**
 * The client's file name reduced to a base name of safe characters (both `/` and `\` count as separators); never a
 * path, never hidden, never empty.
 */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const name = cleaned === '' ? 'bestand' : cleaned;
  if (name.length <= 120) return name;
  const ext = path.extname(name).slice(0, 12);
  return name.slice(0, 120 - ext.length) + ext;
}

function checkExtension(role: UploadedFile['role'], name: string): void {
  const allowed = FILE_FIELDS[role].extensions;
  if (!allowed.includes(path.extname(name).toLowerCase())) throw new HttpError(400, allowedTypes(name, allowed));
}

/** Reads every part; files over 50 MB end the request with 413 naming the file. */
export async function readMultipart(request: FastifyRequest): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new HttpError(400, MESSAGES.notMultipart);
  const form: MultipartForm = { files: [], fields: new Map(), bytes: 0 };
  for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
    if (part.type === 'field') {
      if (form.fields.has(part.fieldname)) throw new HttpError(422, duplicateField(part.fieldname));
      form.fields.set(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      continue;
    }
    const role = part.fieldname as UploadedFile['role'];
    const name = safeFileName(part.filename);
    if (!(role in FILE_FIELDS)) {
      await part.toBuffer().catch(() => undefined); // drain an unknown file field; the legacy API ignored it too
      continue;
    }
    let data: Buffer;
    try {
      data = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, tooLarge(name));
      throw error;
    }
    if (!FILE_FIELDS[role].multiple && form.files.some((f) => f.role === role)) throw new HttpError(422, duplicateField(role));
    checkExtension(role, name);
    form.bytes += data.byteLength;
    form.files.push({ role, name, data });
  }
  return form;
}

/** Refuses workbooks exceljs must not be given (zip bombs, encrypted, truncated) before any work is queued. */
export function checkWorkbook(file: UploadedFile): void {
  if (path.extname(file.name).toLowerCase() !== '.xlsx') return;
  try {
    assertReadableWorkbook(file.data, file.name);
  } catch (error) {
    throw new HttpError(400, dutchError(error, [[file.name, file.name]]));
  }
}
