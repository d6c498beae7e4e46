import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../engine/report/excel.ts';
import { defaultReportPath, jsonPathFor, resolveOutputPath } from '../../engine/report/paths.ts';
import { UsageError } from '../../engine/util/errors.ts';
import { makeResult } from './make-result.ts';

let dir: string;
let input: string;

beforeEach(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'cc-paths-')));
  input = path.join(dir, 'polissen.xlsx');
  await fs.writeFile(input, 'input');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const touch = (file: string) => fs.writeFile(file, 'x');
const refuse = (request: Parameters<typeof resolveOutputPath>[0], message: RegExp) => {
  expect(() => resolveOutputPath(request)).toThrow(UsageError);
  expect(() => resolveOutputPath(request)).toThrow(message);
};

describe('default report path (SPEC §10.1)', () => {
  it('is {input folder}/{input stem}_clause-cascade.xlsx', () => {
    expect(defaultReportPath(input)).toBe(path.join(dir, 'polissen_clause-cascade.xlsx'));
    expect(defaultReportPath(path.join(dir, 'export.v2.csv'))).toBe(path.join(dir, 'export.v2_clause-cascade.xlsx'));
  });

  it('adds (2), (3), … before the extension while the file exists', async () => {
    await touch(path.join(dir, 'polissen_clause-cascade.xlsx'));
    expect(defaultReportPath(input)).toBe(path.join(dir, 'polissen_clause-cascade (2).xlsx'));
    await touch(path.join(dir, 'polissen_clause-cascade (2).xlsx'));
    expect(defaultReportPath(input)).toBe(path.join(dir, 'polissen_clause-cascade (3).xlsx'));
  });

  it('also skips a name whose JSON summary is left over', async () => {
    await touch(path.join(dir, 'polissen_clause-cascade.json'));
    expect(defaultReportPath(input)).toBe(path.join(dir, 'polissen_clause-cascade (2).xlsx'));
  });

  it('puts the JSON summary next to the report as {report stem}.json', () => {
    expect(resolveOutputPath({ inputFiles: [input], overwrite: false })).toEqual({
      report: path.join(dir, 'polissen_clause-cascade.xlsx'),
      json: path.join(dir, 'polissen_clause-cascade.json'),
    });
    expect(jsonPathFor(path.join(dir, 'a (2).xlsx'))).toBe(path.join(dir, 'a (2).json'));
  });
});

describe('explicit output paths', () => {
  it('accepts a new .xlsx file in an existing folder', () => {
    const out = path.join(dir, 'rapport.XLSX');
    expect(resolveOutputPath({ inputFiles: [input], out, overwrite: false })).toEqual({ report: out, json: path.join(dir, 'rapport.json') });
  });

  it('refuses an input file, also through .., a symbolic link or a hard link', async () => {
    refuse({ inputFiles: [input], out: input, overwrite: true }, /input file/);
    refuse({ inputFiles: [input], out: path.join(dir, 'sub', '..', 'polissen.xlsx'), overwrite: true }, /input file/);
    const link = path.join(dir, 'link.xlsx');
    await fs.symlink(input, link);
    refuse({ inputFiles: [input], out: link, overwrite: true }, /input file/);
    refuse({ inputFiles: [link], out: input, overwrite: true }, /input file/);
    const hard = path.join(dir, 'hard.xlsx');
    await fs.link(input, hard);
    refuse({ inputFiles: [input], out: hard, overwrite: true }, /input file/);
    const library = path.join(dir, 'bibliotheek.xlsx');
    await touch(library);
    refuse({ inputFiles: [input, library], out: library, overwrite: true }, /input file/);
  });

  it('refuses a folder reached through a symbolic link to the input folder', async () => {
    const alias = path.join(os.tmpdir(), `cc-alias-${process.pid}-${Date.now()}`);
    await fs.symlink(dir, alias);
    try {
      refuse({ inputFiles: [input], out: path.join(alias, 'polissen.xlsx'), overwrite: true }, /input file/);
    } finally {
      await fs.rm(alias);
    }
  });

  it('refuses an existing file unless overwriting was requested', async () => {
    const out = path.join(dir, 'rapport.xlsx');
    await touch(out);
    refuse({ inputFiles: [input], out, overwrite: false }, /already exists.*--overwrite/);
    expect(resolveOutputPath({ inputFiles: [input], out, overwrite: true }).report).toBe(out);
  });

  it('refuses an existing JSON summary next to an explicit report unless overwriting', async () => {
    const out = path.join(dir, 'rapport.xlsx');
    await touch(path.join(dir, 'rapport.json'));
    refuse({ inputFiles: [input], out, overwrite: false }, /JSON summary .*already exists/);
    expect(resolveOutputPath({ inputFiles: [input], out, overwrite: false, json: '-' }).json).toBe('-');
  });

  it('requires the .xlsx extension and an existing folder', () => {
    refuse({ inputFiles: [input], out: path.join(dir, 'rapport.csv'), overwrite: false }, /\.xlsx/);
    refuse({ inputFiles: [input], out: path.join(dir, 'rapport'), overwrite: false }, /\.xlsx/);
    refuse({ inputFiles: [input], out: path.join(dir, 'missing', 'rapport.xlsx'), overwrite: false }, /folder .* does not exist/);
  });

  it('refuses a folder as the report', async () => {
    await fs.mkdir(path.join(dir, 'map.xlsx'));
    refuse({ inputFiles: [input], out: path.join(dir, 'map.xlsx'), overwrite: true }, /is a folder/);
  });

  it('takes an explicit JSON path, standard output or none', () => {
    const json = path.join(dir, 'samenvatting.json');
    expect(resolveOutputPath({ inputFiles: [input], overwrite: false, json }).json).toBe(json);
    expect(resolveOutputPath({ inputFiles: [input], overwrite: false, json: '-' }).json).toBe('-');
    expect(resolveOutputPath({ inputFiles: [input], overwrite: false, json: false }).json).toBeNull();
    refuse({ inputFiles: [input], overwrite: true, json: input }, /input file/);
    refuse({ inputFiles: [input], out: path.join(dir, 'r.xlsx'), overwrite: true, json: path.join(dir, 'r.xlsx') }, /report file/);
  });
});

describe('atomic writing', () => {
  it('replaces an existing report in place', async () => {
    const out = path.join(dir, 'rapport.xlsx');
    await touch(out);
    await writeReport(makeResult(), out);
    const bytes = await fs.readFile(out);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await fs.readdir(dir)).sort()).toEqual(['polissen.xlsx', 'rapport.xlsx']);
  });

  it('leaves no temporary file when the write fails', async () => {
    const out = path.join(dir, 'bezet.xlsx');
    await fs.mkdir(out); // renaming a file onto a folder fails
    await expect(writeReport(makeResult(), out)).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['bezet.xlsx', 'polissen.xlsx']);
    expect((await fs.stat(out)).isDirectory()).toBe(true);
  });
});
