/** The zip writer's packages read back, byte for byte and CRC-checked, in JSZip and in Python's zipfile. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFileWriter } from '../../engine/report/zip-writer.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'zip-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of varied text, more than the compressor may hold, so the writer has to wait for it. */
function bigRows(): string[] {
  return Array.from({ length: 60_000 }, (_, i) => `<row r="${i}"><c>${(i * 7919) % 100_003} Café 😀 ${i % 13 === 0 ? '&amp;' : ''}</c></row>`);
}

describe('ZipFileWriter', () => {
  it('writes entries that read back unchanged, with their CRCs checked', async () => {
    const file = path.join(dir, 'parts.zip');
    const zip = new ZipFileWriter(file, new Date(2025, 0, 15, 9, 30, 12));
    await zip.add('[Content_Types].xml', '<Types/>');
    await zip.add('empty.xml', '');
    const rows = bigRows();
    const entry = zip.entry('xl/worksheets/sheet1.xml');
    for (const [i, row] of rows.entries()) {
      entry.write(row);
      if (i % 1_000 === 0) await entry.caughtUp();
    }
    await entry.close();
    await zip.close();

    const read = await JSZip.loadAsync(readFileSync(file), { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['[Content_Types].xml', 'empty.xml', 'xl/worksheets/sheet1.xml']);
    expect(await read.file('[Content_Types].xml')!.async('string')).toBe('<Types/>');
    expect(await read.file('empty.xml')!.async('string')).toBe('');
    const sheet = await read.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet.length).toBe(rows.join('').length);
    expect(sheet === rows.join('')).toBe(true); // not toBe: a diff of megabytes helps nobody
    expect(read.file('empty.xml')!.date.getFullYear()).toBe(2025);

    const python = spawnSync('/usr/bin/python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip())', file], { encoding: 'utf8' });
    if (python.status === 0) expect(python.stdout.trim()).toBe('None'); // no entry with a bad CRC
  });

  it('reports a file that cannot be written as an error, not a crash or a hang', async () => {
    const zip = new ZipFileWriter(path.join(dir, 'no-such-folder', 'x.zip'), new Date());
    const written = (async () => {
      await zip.add('a.xml', '<a/>');
      const entry = zip.entry('b.xml');
      for (let i = 0; i < 2_000; i++) entry.write(`<row>${i}</row>`);
      await entry.caughtUp();
      await entry.close();
      await zip.close();
    })();
    await expect(written).rejects.toThrow(/ENOENT/);
    await zip.abort();
  });

  it('closes the file on abort, for the caller to remove', async () => {
    const file = path.join(dir, 'aborted.zip');
    const zip = new ZipFileWriter(file, new Date());
    zip.entry('a.xml').write('<a/>');
    await zip.abort();
    expect(existsSync(file)).toBe(true);
    rmSync(file);
  });
});
