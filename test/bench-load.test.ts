import { readFileSync } from 'node:fs';
import { sameBodyAcrossChunks, whereBodiesDiffer } from '../tools/bench/load';
import { cpuUsedBetween, familyCpu, postmasterOf } from '../tools/bench/process-stats';
import { useTestDatabase } from './helpers/database';

describe("the bench's comparison of a response body", () => {
  const expected = '{"title":"关于贸易的声明","emoji":"😀","url":"https://example.org"}';
  /** The body as autocannon builds it when the response is cut into two chunks at byte `at`. */
  const cutAt = (at: number) => {
    const bytes = Buffer.from(expected);
    return `${bytes.subarray(0, at)}${bytes.subarray(at)}`;
  };

  it('takes a character split between two chunks for the character it was', () => {
    const bytes = Buffer.byteLength(expected);
    for (let at = 0; at <= bytes; at += 1)
      expect({ at, same: sameBodyAcrossChunks(cutAt(at), expected) }).toEqual({ at, same: true });
    expect(cutAt(Buffer.from(expected).indexOf(Buffer.from('的')) + 1)).toContain('\uFFFD');
  });

  it('still tells any other difference', () => {
    expect(sameBodyAcrossChunks(expected.replace('的', '得'), expected)).toBe(false);
    expect(sameBodyAcrossChunks(expected.replace('example', 'exampel'), expected)).toBe(false);
    expect(sameBodyAcrossChunks(expected.replace('的', '\uFFFD\uFFFD'), expected.replace('的', ''))).toBe(false);
    expect(sameBodyAcrossChunks(expected.replace('"url"', '\uFFFD"url"'), expected)).toBe(false);
    expect(sameBodyAcrossChunks(expected.slice(0, -1), expected)).toBe(false);
    expect(whereBodiesDiffer('abcX', 'abcY')).toContain('at offset 3 of 4');
  });
});

describe("the bench's reading of PostgreSQL's CPU", () => {
  const database = useTestDatabase();

  it("finds the test server's postmaster from a backend, and counts the CPU a statement makes its backend use", async () => {
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const postmaster = postmasterOf(rows[0]!.pid);
      expect(postmaster).not.toBeNull();
      expect(readFileSync(`/proc/${postmaster}/comm`, 'utf8').trim()).toBe('postgres');
      const before = familyCpu(postmaster!);
      expect(before.get(rows[0]!.pid)).toEqual(expect.any(Number));
      const started = process.cpuUsage();
      await client.query('SELECT count(*) FROM generate_series(1, 5000000)');
      const used = cpuUsedBetween(before, familyCpu(postmaster!));
      expect(used).toBeGreaterThanOrEqual(100);
      expect(process.cpuUsage(started).user / 1000).toBeLessThan(used);
    } finally {
      client.release();
    }
  });

  it('counts a process that started between two readings whole, and leaves out one that ended', () => {
    const before = new Map([
      [1, 100],
      [2, 50],
      [3, 70],
    ]);
    const after = new Map([
      [1, 130],
      [2, 55],
      [4, 20],
    ]);
    expect(cpuUsedBetween(before, after)).toBe(30 + 5 + 20);
  });

  it('finds no postmaster for a process that is not PostgreSQL', () => {
    expect(postmasterOf(process.pid)).toBeNull();
    expect(postmasterOf(2 ** 22 + 1)).toBeNull();
  });
});
