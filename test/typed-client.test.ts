import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useAppServer } from './helpers/app-server';
import { useTestDatabase } from './helpers/database';

const ROOT = path.resolve(__dirname, '..');
const CLIENT = path.join(ROOT, 'examples/client');
const BIN = path.join(ROOT, 'node_modules/.bin');

/** Runs a command to its end; its exit code and output. */
function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const database = useTestDatabase();
const server = useAppServer(() => ({ DATABASE_URL: database.url, NODE_ENV: 'test' }));

describe('the typed client in examples/client', () => {
  beforeAll(async () => {
    const generated = await run(path.join(BIN, 'graphql-codegen'), ['--config', 'codegen.ts'], CLIENT);
    expect({ code: generated.code, output: generated.output }).toMatchObject({ code: 0 });
  }, 60_000);

  it('compiles, generated from schema.graphql, with tsc --strict', async () => {
    const compiled = await run(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--strict'], CLIENT);
    expect(compiled).toEqual({ code: 0, output: '' });
  }, 60_000);

  it('runs its four operations against a seeded server, DateTime values as strings', async () => {
    const ran = await run(process.execPath, ['dist/run.js', server.base], CLIENT);
    expect(ran.code).toBe(0);
    const summary = JSON.parse(ran.output);
    expect(summary.timeline.totalCount).toBe(2);
    expect(summary.timeline.spans[0]).toEqual({
      slug: 'xi-putin-informal-talks',
      start: '2023-03-19T21:00:00.000Z',
      until: '2023-03-20T21:00:00.000Z',
    });
    expect(summary.event).toMatchObject({ status: 'PLANNED', attributedTo: ['Russian state news agencies'] });
    expect(summary.search).toEqual(
      expect.arrayContaining(['actor rfi (MEDIA_OUTLET)', 'source rfi-2023-03-21-xi-moscow (NEWS_ARTICLE)']),
    );
    expect(summary.busiestDay).toMatchObject({ start: '2023-03-19T21:00:00.000Z' });
  }, 60_000);

  it('fails to generate when an operation selects what the schema does not have', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'annals-client-'));
    writeFileSync(path.join(dir, 'broken.graphql'), 'query Broken { event(slug: "x") { time { ending } } }\n');
    const config = {
      schema: path.join(ROOT, 'schema.graphql'),
      documents: [path.join(dir, '*.graphql')],
      generates: { [path.join(dir, 'gql/')]: { preset: 'client' } },
    };
    writeFileSync(path.join(dir, 'codegen.json'), JSON.stringify(config));
    const generated = await run(
      path.join(BIN, 'graphql-codegen'),
      ['--config', path.join(dir, 'codegen.json')],
      CLIENT,
    );
    expect(generated.code).not.toBe(0);
    expect(generated.output).toContain('Cannot query field "ending" on type "EventTime"');
  }, 60_000);
});
