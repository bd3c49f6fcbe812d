import http from 'node:http';
import { Pool } from 'pg';
import { decodeEventCursor } from '../../src/timeline/event-cursor';
import { FLOOR_TIMELINE_PAGE } from './floor-query';

/**
 * The benchmark's floor: node:http and pg with no GraphQL, answering `GET /timeline?first&after`
 * with one hand-written statement. Reads DATABASE_URL, PORT and POOL_SIZE; prints "ready" when
 * listening. Not part of the application.
 */
function main(): void {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC -c jit=off',
  });
  let statements = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`annals_sql_statements_total ${statements}\n`);
      return;
    }
    if (url.pathname !== '/timeline') {
      res.writeHead(404).end();
      return;
    }
    const after = url.searchParams.get('after');
    const cursor = after ? decodeEventCursor(after, 'after') : null;
    statements += 1;
    pool
      .query<{ body: string }>(FLOOR_TIMELINE_PAGE, [
        Number(url.searchParams.get('first') ?? 20),
        cursor?.startAt ?? null,
        cursor?.id ?? null,
      ])
      .then(
        ({ rows }) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(rows[0]!.body);
        },
        (error: unknown) => {
          res.writeHead(500).end(String(error));
        },
      );
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

main();
