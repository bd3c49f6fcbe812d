import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LoadResult } from './load';

/** One row of the results table: a workload's measurements and its ratio to the floor. */
export interface ResultRow {
  id: string;
  title: string;
  result: LoadResult;
  /** Throughput as a share of the floor's, when the run had a floor to compare with. */
  floorRatio: number | null;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** The results as a Markdown table. */
export function renderTable(rows: readonly ResultRow[]): string {
  const header = [
    '| workload | req/s | × floor | p50 ms | p99 ms | server CPU ms/req | SQL/req | peak RSS MB | failures |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map(({ id, title, result: r, floorRatio }) =>
    [
      `${id} ${title}`,
      r.requests ? fixed(r.requestsPerSecond, 0) : '0 (none answered in time)',
      floorRatio === null ? '' : `${fixed(floorRatio, 2)}×`,
      r.requests ? fixed(r.p50Ms, 1) : '–',
      r.requests ? fixed(r.p99Ms, 1) : '–',
      fixed(r.cpuMsPerRequest, 2),
      fixed(r.sqlPerRequest, 1),
      fixed(r.peakRssMb, 0),
      String(r.failures),
    ].join(' | '),
  );
  return [...header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

/** Writes `report` (Markdown) and `data` (JSON) under .bench/results; returns the Markdown path. */
export function saveReport(name: string, report: string, data: unknown): string {
  const directory = path.resolve(__dirname, '../../../.bench/results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${name}.md`);
  writeFileSync(file, report);
  writeFileSync(path.join(directory, `${name}.json`), JSON.stringify(data, null, 2));
  return file;
}
