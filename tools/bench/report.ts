import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type LoadResult } from './load';

/** A throughput ratio over a run's rounds: their mean, and the lowest and highest single round's. */
export interface Ratio {
  mean: number;
  low: number;
  high: number;
}

/** One row of the results table: a workload's measurements and its ratios to the floor and the anchor. */
export interface ResultRow {
  id: string;
  title: string;
  /** The measurements, averaged over the rounds (failures and requests summed). */
  result: LoadResult;
  /** Throughput as a share of the floor's, when the run had a floor to compare with. */
  floorRatio: Ratio | null;
  /** Throughput as a share of the anchor's (PostGraphile), when the run had one for this workload. */
  anchorRatio?: Ratio | null;
}

/** The ratio of `ours` to `theirs` (throughputs of the same rounds, in order). */
export function ratioOf(ours: readonly LoadResult[], theirs: readonly LoadResult[]): Ratio {
  const ratios = ours.map((result, round) => result.requestsPerSecond / theirs[round]!.requestsPerSecond);
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    mean: mean(ours.map((r) => r.requestsPerSecond)) / mean(theirs.map((r) => r.requestsPerSecond)),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
  };
}

/** One result for several rounds: rates, latencies, costs and RSS averaged; requests and failures summed. */
export function combineRounds(results: readonly LoadResult[]): LoadResult {
  const mean = (pick: (result: LoadResult) => number) =>
    results.reduce((sum, result) => sum + pick(result), 0) / results.length;
  return {
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    requestsPerSecond: mean((r) => r.requestsPerSecond),
    p50Ms: mean((r) => r.p50Ms),
    p99Ms: mean((r) => r.p99Ms),
    cpuMsPerRequest: mean((r) => r.cpuMsPerRequest),
    databaseCpuMsPerRequest: mean((r) => r.databaseCpuMsPerRequest),
    sqlPerRequest: mean((r) => r.sqlPerRequest),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    failures: results.reduce((sum, result) => sum + result.failures, 0),
  };
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function renderRatio(ratio: Ratio | null | undefined): string {
  if (!ratio) return '';
  const spread = ratio.low === ratio.high ? '' : ` (${fixed(ratio.low, 2)}–${fixed(ratio.high, 2)})`;
  return `${fixed(ratio.mean, 2)}×${spread}`;
}

/** The results as a Markdown table; the ratios show the lowest and highest round in parentheses. */
export function renderTable(rows: readonly ResultRow[]): string {
  const header = [
    '| workload | req/s | × floor | × PostGraphile | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | SQL/req | peak RSS MB | failures |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map(({ id, title, result: r, floorRatio, anchorRatio }) =>
    [
      `${id} ${title}`,
      r.requests ? fixed(r.requestsPerSecond, 0) : '0 (none answered in time)',
      renderRatio(floorRatio),
      renderRatio(anchorRatio),
      r.requests ? fixed(r.p50Ms, 1) : '–',
      r.requests ? fixed(r.p99Ms, 1) : '–',
      fixed(r.cpuMsPerRequest, 2),
      fixed(r.databaseCpuMsPerRequest, 2),
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
