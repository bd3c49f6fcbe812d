/** Process-wide counters, exposed in the Prometheus text format at `/metrics`. */
export const counters = {
  httpRequests: 0,
  sqlStatements: 0,
  /** Writes run again because PostgreSQL reported a deadlock or serialization failure. */
  writeRetries: 0,
  /** Connections turned away over MAX_CONNECTIONS or MAX_CONNECTIONS_PER_CLIENT. */
  connectionsRefused: 0,
  /** Requests answered 408 because their headers or body did not arrive in time. */
  clientTimeouts: 0,
  /** WebSocket upgrades refused over MAX_SOCKETS_PER_CLIENT. */
  socketsRefused: 0,
  /** Messages sent to subscribers (one per change and subscriber). */
  subscriptionMessages: 0,
};

/** Process-wide gauges, exposed with the counters. */
export const gauges = {
  /** HTTP connections open now (those refused over a cap are not counted). */
  openConnections: 0,
  /** GraphQL WebSockets open now (each also counts as a connection). */
  openSockets: 0,
};

/**
 * The counters and gauges plus the process's CPU time and resident memory, in the Prometheus text
 * exposition format (version 0.0.4).
 */
export function renderMetrics(): string {
  const cpu = process.cpuUsage();
  const lines = [
    ['annals_http_requests_total', 'counter', 'HTTP requests answered.', counters.httpRequests],
    ['annals_sql_statements_total', 'counter', 'SQL statements sent to PostgreSQL.', counters.sqlStatements],
    [
      'annals_write_retries_total',
      'counter',
      'Writes run again after a deadlock or serialization failure.',
      counters.writeRetries,
    ],
    ['annals_open_connections', 'gauge', 'HTTP connections open now.', gauges.openConnections],
    [
      'annals_connections_refused_total',
      'counter',
      'Connections refused over MAX_CONNECTIONS or MAX_CONNECTIONS_PER_CLIENT.',
      counters.connectionsRefused,
    ],
    [
      'annals_client_timeouts_total',
      'counter',
      'Requests answered 408 because their headers or body did not arrive in time.',
      counters.clientTimeouts,
    ],
    ['annals_open_sockets', 'gauge', 'GraphQL WebSockets open now.', gauges.openSockets],
    [
      'annals_sockets_refused_total',
      'counter',
      'WebSocket upgrades refused over MAX_SOCKETS_PER_CLIENT.',
      counters.socketsRefused,
    ],
    [
      'annals_subscription_messages_total',
      'counter',
      'Subscription results queued for subscribers.',
      counters.subscriptionMessages,
    ],
    ['process_cpu_seconds_total', 'counter', 'User and system CPU time.', (cpu.user + cpu.system) / 1e6],
    ['process_resident_memory_bytes', 'gauge', 'Resident memory.', process.memoryUsage.rss()],
  ] as const;
  return lines
    .map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`)
    .join('');
}
