import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const CWD = path.resolve('/srv/annals');

/** The time bounds and start-up retries when none of their variables is set. */
const TIME_BOUND_DEFAULTS = {
  dbStatementTimeoutMs: 5000,
  dbConnectTimeoutMs: 5000,
  requestTimeoutMs: 10000,
  dbStartupRetries: 10,
  dbRetryDelayMs: 1000,
  dbRetryMaxDelayMs: 30000,
};
/** Every time-bound variable set, and what it reads as. */
const TIME_BOUNDS_SET = {
  DB_STATEMENT_TIMEOUT_MS: '250',
  DB_CONNECT_TIMEOUT_MS: '2000',
  REQUEST_TIMEOUT_MS: '30000',
  DB_STARTUP_RETRIES: '0',
  DB_RETRY_DELAY_MS: '100',
  DB_RETRY_MAX_DELAY_MS: '600000',
};
const TIME_BOUNDS_READ = {
  dbStatementTimeoutMs: 250,
  dbConnectTimeoutMs: 2000,
  requestTimeoutMs: 30000,
  dbStartupRetries: 0,
  dbRetryDelayMs: 100,
  dbRetryMaxDelayMs: 600000,
};

/** The deadlines for reading a request and the connection caps when none of their variables is set. */
const WIRE_LIMIT_DEFAULTS = {
  headersTimeoutMs: 10000,
  bodyTimeoutMs: 10000,
  maxConnections: 2000,
  maxConnectionsPerClient: 200,
};
/** Every wire-limit variable set, and what it reads as. */
const WIRE_LIMITS_SET = {
  HEADERS_TIMEOUT_MS: '5000',
  BODY_TIMEOUT_MS: '60000',
  MAX_CONNECTIONS: '500',
  MAX_CONNECTIONS_PER_CLIENT: '20',
};
const WIRE_LIMITS_READ = {
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 60000,
  maxConnections: 500,
  maxConnectionsPerClient: 20,
};

/** The query limits when none of their variables is set. */
const QUERY_LIMIT_DEFAULTS = {
  queryLimits: { maxDepth: 15, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxRootFields: 20, maxCost: 500000 },
};
/** Every query-limit variable set, and what it reads as. */
const QUERY_LIMITS_SET = {
  MAX_QUERY_DEPTH: '8',
  MAX_QUERY_ALIASES: '0',
  MAX_QUERY_DIRECTIVES: '10',
  MAX_QUERY_TOKENS: '5000',
  MAX_QUERY_ROOT_FIELDS: '3',
  MAX_QUERY_COST: '1000000',
};
const QUERY_LIMITS_READ = {
  queryLimits: { maxDepth: 8, maxAliases: 0, maxDirectives: 10, maxTokens: 5000, maxRootFields: 3, maxCost: 1000000 },
};

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The scale-out settings when none of their variables is set. */
const SCALE_OUT_DEFAULTS = {
  persistedQueries: 'automatic',
  redisUrl: null,
  databaseReplicaUrls: [],
  replicaMaxLagMs: 5000,
  replicaWaitMs: 200,
  replicaCheckIntervalMs: 1000,
};
/** Every scale-out variable set (DATABASE_URL aside), and what it reads as. */
const SCALE_OUT_SET = {
  PERSISTED_QUERIES: 'trusted',
  REDIS_URL: 'redis://127.0.0.1:6379/2',
  DATABASE_REPLICA_URLS: 'postgres://annals@replica-1:5432/annals, postgresql://annals@replica-2/annals',
  REPLICA_MAX_LAG_MS: '250',
  REPLICA_WAIT_MS: '0',
  REPLICA_CHECK_INTERVAL_MS: '50',
};
const SCALE_OUT_READ = {
  persistedQueries: 'trusted',
  redisUrl: 'redis://127.0.0.1:6379/2',
  databaseReplicaUrls: ['postgres://annals@replica-1:5432/annals', 'postgresql://annals@replica-2/annals'],
  replicaMaxLagMs: 250,
  replicaWaitMs: 0,
  replicaCheckIntervalMs: 50,
};

describe('loadConfig', () => {
  it('uses port 4000, ./.annals under the working directory, info logs and development when nothing is set', () => {
    expect(loadConfig({}, CWD)).toEqual({
      port: 4000,
      databaseUrl: null,
      dataDir: path.join(CWD, '.annals'),
      embeddedPostgresDir: '/var/lib/annals',
      logLevel: 'info',
      nodeEnv: 'development',
      cacheMaxAge: 0,
      rateLimitPerMinute: 600,
      rateLimitBurst: 300,
      trustProxy: 0,
      ...TIME_BOUND_DEFAULTS,
      ...WIRE_LIMIT_DEFAULTS,
      ...QUERY_LIMIT_DEFAULTS,
      ...SCALE_OUT_DEFAULTS,
    });
  });

  it('treats empty variables as unset', () => {
    expect(
      loadConfig(
        {
          PORT: '',
          DATABASE_URL: '  ',
          DATA_DIR: '',
          EMBEDDED_POSTGRES_DIR: '',
          LOG_LEVEL: '',
          NODE_ENV: '',
          CACHE_MAX_AGE: '',
          RATE_LIMIT_PER_MINUTE: '',
          RATE_LIMIT_BURST: '',
          TRUST_PROXY: '',
          ...Object.fromEntries(Object.keys(TIME_BOUNDS_SET).map((variable) => [variable, ''])),
          ...Object.fromEntries(Object.keys(WIRE_LIMITS_SET).map((variable) => [variable, ''])),
          ...Object.fromEntries(Object.keys(QUERY_LIMITS_SET).map((variable) => [variable, ''])),
          ...Object.fromEntries(Object.keys(SCALE_OUT_SET).map((variable) => [variable, ''])),
        },
        CWD,
      ),
    ).toEqual({
      port: 4000,
      databaseUrl: null,
      dataDir: path.join(CWD, '.annals'),
      embeddedPostgresDir: '/var/lib/annals',
      logLevel: 'info',
      nodeEnv: 'development',
      cacheMaxAge: 0,
      rateLimitPerMinute: 600,
      rateLimitBurst: 300,
      trustProxy: 0,
      ...TIME_BOUND_DEFAULTS,
      ...WIRE_LIMIT_DEFAULTS,
      ...QUERY_LIMIT_DEFAULTS,
      ...SCALE_OUT_DEFAULTS,
    });
  });

  it('reads every variable that is set to a usable value', () => {
    expect(
      loadConfig(
        {
          PORT: '8080',
          DATABASE_URL: 'postgresql://annals:secret@db.internal:5433/annals',
          DATA_DIR: 'var/pg',
          EMBEDDED_POSTGRES_DIR: 'var/system',
          LOG_LEVEL: 'debug',
          NODE_ENV: 'production',
          CACHE_MAX_AGE: '60',
          RATE_LIMIT_PER_MINUTE: '120',
          RATE_LIMIT_BURST: '20',
          TRUST_PROXY: '2',
          ...TIME_BOUNDS_SET,
          ...WIRE_LIMITS_SET,
          ...QUERY_LIMITS_SET,
          ...SCALE_OUT_SET,
        },
        CWD,
      ),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgresql://annals:secret@db.internal:5433/annals',
      dataDir: path.join(CWD, 'var/pg'),
      embeddedPostgresDir: path.join(CWD, 'var/system'),
      logLevel: 'debug',
      nodeEnv: 'production',
      cacheMaxAge: 60,
      rateLimitPerMinute: 120,
      rateLimitBurst: 20,
      trustProxy: 2,
      ...TIME_BOUNDS_READ,
      ...WIRE_LIMITS_READ,
      ...QUERY_LIMITS_READ,
      ...SCALE_OUT_READ,
    });
  });

  it('keeps an absolute DATA_DIR as it is', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/annals' }, CWD).dataDir).toBe('/var/lib/annals');
  });

  it('accepts a postgres:// DATABASE_URL as well as postgresql://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/annals' }, CWD).databaseUrl).toBe(
      'postgres://root@127.0.0.1:5432/annals',
    );
  });

  it('logs at warn by default under test, and at the given level when one is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, CWD).logLevel).toBe('warn');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, CWD).logLevel).toBe('silent');
  });

  it('accepts the lowest and highest TCP ports', () => {
    expect(loadConfig({ PORT: '1' }, CWD).port).toBe(1);
    expect(loadConfig({ PORT: '65535' }, CWD).port).toBe(65535);
  });

  it.each([
    ['abc', 'Invalid PORT="abc": expected an integer from 1 to 65535.'],
    ['0', 'Invalid PORT="0": expected an integer from 1 to 65535.'],
    ['70000', 'Invalid PORT="70000": expected an integer from 1 to 65535.'],
    ['80.5', 'Invalid PORT="80.5": expected an integer from 1 to 65535.'],
    ['-1', 'Invalid PORT="-1": expected an integer from 1 to 65535.'],
  ])('rejects PORT=%s with a ConfigError naming PORT', (value, message) => {
    const error = configErrorOf({ PORT: value });
    expect(error).toMatchObject({ name: 'ConfigError', message });
  });

  it('accepts a CACHE_MAX_AGE from 0 to a day in seconds', () => {
    expect(loadConfig({ CACHE_MAX_AGE: '0' }, CWD).cacheMaxAge).toBe(0);
    expect(loadConfig({ CACHE_MAX_AGE: '86400' }, CWD).cacheMaxAge).toBe(86400);
  });

  it.each([['-1'], ['86401'], ['1.5'], ['1e3'], ['soon'], [' 60']])(
    'rejects CACHE_MAX_AGE=%j with a ConfigError naming CACHE_MAX_AGE',
    (value) => {
      expect(configErrorOf({ CACHE_MAX_AGE: value })).toMatchObject({
        name: 'ConfigError',
        message: `Invalid CACHE_MAX_AGE=${JSON.stringify(value)}: expected an integer number of seconds from 0 to 86400.`,
      });
    },
  );

  it('rejects a DATABASE_URL for another database system with a ConfigError naming DATABASE_URL', () => {
    expect(configErrorOf({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/annals' })).toMatchObject({
      name: 'ConfigError',
      message:
        'Invalid DATABASE_URL="mysql://root@127.0.0.1:3306/annals": expected a postgres:// or postgresql:// URL.',
    });
  });

  it('rejects a DATABASE_URL that is not a URL without repeating it, since it may hold a password', () => {
    expect(configErrorOf({ DATABASE_URL: 'localhost/annals' })).toMatchObject({
      name: 'ConfigError',
      message: 'Invalid DATABASE_URL="(not a URL)": expected a URL such as postgres://user@host:5432/annals.',
    });
  });

  it('masks the password of a DATABASE_URL it rejects', () => {
    expect(configErrorOf({ DATABASE_URL: 'mysql://root:secret@127.0.0.1:3306/annals' })).toMatchObject({
      message:
        'Invalid DATABASE_URL="mysql://root:***@127.0.0.1:3306/annals": expected a postgres:// or postgresql:// URL.',
    });
  });

  it('rejects an unknown LOG_LEVEL with a ConfigError listing the levels', () => {
    expect(configErrorOf({ LOG_LEVEL: 'loud' })).toMatchObject({
      name: 'ConfigError',
      message: 'Invalid LOG_LEVEL="loud": expected one of trace, debug, info, warn, error, fatal, silent.',
    });
  });

  it('rejects an unknown NODE_ENV with a ConfigError listing the environments', () => {
    expect(configErrorOf({ NODE_ENV: 'staging' })).toMatchObject({
      name: 'ConfigError',
      message: 'Invalid NODE_ENV="staging": expected one of development, production, test.',
    });
  });

  it('accepts RATE_LIMIT_PER_MINUTE=0, which turns rate limiting off, and the bounds of each rate limit variable', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_BURST: '1', TRUST_PROXY: '0' }, CWD)).toMatchObject({
      rateLimitPerMinute: 0,
      rateLimitBurst: 1,
      trustProxy: 0,
    });
    expect(
      loadConfig({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000', TRUST_PROXY: '10' }, CWD),
    ).toMatchObject({ rateLimitPerMinute: 1_000_000, rateLimitBurst: 1_000_000, trustProxy: 10 });
  });

  it.each([
    ['RATE_LIMIT_PER_MINUTE', '-1', 'an integer from 0 (no limit) to 1000000'],
    ['RATE_LIMIT_PER_MINUTE', '1000001', 'an integer from 0 (no limit) to 1000000'],
    ['RATE_LIMIT_PER_MINUTE', '2.5', 'an integer from 0 (no limit) to 1000000'],
    ['RATE_LIMIT_PER_MINUTE', 'lots', 'an integer from 0 (no limit) to 1000000'],
    ['RATE_LIMIT_BURST', '0', 'an integer from 1 to 1000000'],
    ['RATE_LIMIT_BURST', '1e3', 'an integer from 1 to 1000000'],
    ['RATE_LIMIT_BURST', ' 20', 'an integer from 1 to 1000000'],
    ['TRUST_PROXY', 'true', 'the number of reverse proxies, from 0 to 10'],
    ['TRUST_PROXY', '11', 'the number of reverse proxies, from 0 to 10'],
    ['TRUST_PROXY', '-1', 'the number of reverse proxies, from 0 to 10'],
  ])('rejects %s=%j with a ConfigError naming the variable', (variable, value, expected) => {
    expect(configErrorOf({ [variable]: value })).toMatchObject({
      name: 'ConfigError',
      message: `Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`,
    });
  });

  it('accepts the bounds of each timeout and retry variable', () => {
    const lowest = {
      DB_STATEMENT_TIMEOUT_MS: '1',
      DB_CONNECT_TIMEOUT_MS: '1',
      REQUEST_TIMEOUT_MS: '1',
      DB_STARTUP_RETRIES: '0',
      DB_RETRY_DELAY_MS: '1',
      DB_RETRY_MAX_DELAY_MS: '1',
    };
    const highest = {
      DB_STATEMENT_TIMEOUT_MS: '3600000',
      DB_CONNECT_TIMEOUT_MS: '600000',
      REQUEST_TIMEOUT_MS: '3600000',
      DB_STARTUP_RETRIES: '1000',
      DB_RETRY_DELAY_MS: '600000',
      DB_RETRY_MAX_DELAY_MS: '600000',
    };
    expect(loadConfig(lowest, CWD)).toMatchObject({
      dbStatementTimeoutMs: 1,
      dbConnectTimeoutMs: 1,
      requestTimeoutMs: 1,
      dbStartupRetries: 0,
      dbRetryDelayMs: 1,
      dbRetryMaxDelayMs: 1,
    });
    expect(loadConfig(highest, CWD)).toMatchObject({
      dbStatementTimeoutMs: 3_600_000,
      dbConnectTimeoutMs: 600_000,
      requestTimeoutMs: 3_600_000,
      dbStartupRetries: 1000,
      dbRetryDelayMs: 600_000,
      dbRetryMaxDelayMs: 600_000,
    });
  });

  it.each([
    ['DB_STATEMENT_TIMEOUT_MS', '0', 'an integer number of milliseconds from 1 to 3600000'],
    ['DB_STATEMENT_TIMEOUT_MS', '3600001', 'an integer number of milliseconds from 1 to 3600000'],
    ['DB_STATEMENT_TIMEOUT_MS', '5s', 'an integer number of milliseconds from 1 to 3600000'],
    ['DB_CONNECT_TIMEOUT_MS', '0', 'an integer number of milliseconds from 1 to 600000'],
    ['DB_CONNECT_TIMEOUT_MS', '600001', 'an integer number of milliseconds from 1 to 600000'],
    ['REQUEST_TIMEOUT_MS', '-1', 'an integer number of milliseconds from 1 to 3600000'],
    ['REQUEST_TIMEOUT_MS', '1.5', 'an integer number of milliseconds from 1 to 3600000'],
    ['DB_STARTUP_RETRIES', '1001', 'an integer from 0 (no retry) to 1000'],
    ['DB_STARTUP_RETRIES', 'forever', 'an integer from 0 (no retry) to 1000'],
    ['DB_RETRY_DELAY_MS', '0', 'an integer number of milliseconds from 1 to 600000'],
    ['DB_RETRY_DELAY_MS', '1e3', 'an integer number of milliseconds from 1 to 600000'],
    ['DB_RETRY_MAX_DELAY_MS', '600001', 'an integer number of milliseconds from 1 to 600000'],
  ])('rejects %s=%j with a ConfigError naming the variable and the range', (variable, value, expected) => {
    expect(configErrorOf({ [variable]: value })).toMatchObject({
      name: 'ConfigError',
      message: `Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`,
    });
  });

  it('accepts the bounds of each request deadline and connection cap, and 0 for no per-client cap', () => {
    expect(
      loadConfig(
        { HEADERS_TIMEOUT_MS: '100', BODY_TIMEOUT_MS: '100', MAX_CONNECTIONS: '1', MAX_CONNECTIONS_PER_CLIENT: '0' },
        CWD,
      ),
    ).toMatchObject({ headersTimeoutMs: 100, bodyTimeoutMs: 100, maxConnections: 1, maxConnectionsPerClient: 0 });
    expect(
      loadConfig(
        {
          HEADERS_TIMEOUT_MS: '600000',
          BODY_TIMEOUT_MS: '3600000',
          MAX_CONNECTIONS: '1000000',
          MAX_CONNECTIONS_PER_CLIENT: '1000000',
        },
        CWD,
      ),
    ).toMatchObject({
      headersTimeoutMs: 600_000,
      bodyTimeoutMs: 3_600_000,
      maxConnections: 1_000_000,
      maxConnectionsPerClient: 1_000_000,
    });
  });

  it('has no per-client connection cap behind TRUST_PROXY unless MAX_CONNECTIONS_PER_CLIENT is set', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }, CWD).maxConnectionsPerClient).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '2', MAX_CONNECTIONS_PER_CLIENT: '' }, CWD).maxConnectionsPerClient).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1', MAX_CONNECTIONS_PER_CLIENT: '500' }, CWD).maxConnectionsPerClient).toBe(500);
    expect(loadConfig({ TRUST_PROXY: '0' }, CWD).maxConnectionsPerClient).toBe(200);
  });

  it.each([
    ['HEADERS_TIMEOUT_MS', '99', 'an integer number of milliseconds from 100 to 600000'],
    ['HEADERS_TIMEOUT_MS', '600001', 'an integer number of milliseconds from 100 to 600000'],
    ['HEADERS_TIMEOUT_MS', '10s', 'an integer number of milliseconds from 100 to 600000'],
    ['BODY_TIMEOUT_MS', '0', 'an integer number of milliseconds from 100 to 3600000'],
    ['BODY_TIMEOUT_MS', '3600001', 'an integer number of milliseconds from 100 to 3600000'],
    ['BODY_TIMEOUT_MS', '1e4', 'an integer number of milliseconds from 100 to 3600000'],
    ['MAX_CONNECTIONS', '0', 'an integer from 1 to 1000000'],
    ['MAX_CONNECTIONS', '1000001', 'an integer from 1 to 1000000'],
    ['MAX_CONNECTIONS', 'unlimited', 'an integer from 1 to 1000000'],
    ['MAX_CONNECTIONS_PER_CLIENT', '-1', 'an integer from 0 (no cap) to 1000000'],
    ['MAX_CONNECTIONS_PER_CLIENT', '2.5', 'an integer from 0 (no cap) to 1000000'],
  ])('rejects %s=%j with a ConfigError naming the variable and its range', (variable, value, expected) => {
    expect(configErrorOf({ [variable]: value })).toMatchObject({
      name: 'ConfigError',
      message: `Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`,
    });
  });

  it('accepts the bounds of each query limit variable, 0 aliases and directives included', () => {
    expect(
      loadConfig(
        {
          MAX_QUERY_DEPTH: '1',
          MAX_QUERY_ALIASES: '0',
          MAX_QUERY_DIRECTIVES: '0',
          MAX_QUERY_TOKENS: '1',
          MAX_QUERY_ROOT_FIELDS: '1',
          MAX_QUERY_COST: '1',
        },
        CWD,
      ).queryLimits,
    ).toEqual({ maxDepth: 1, maxAliases: 0, maxDirectives: 0, maxTokens: 1, maxRootFields: 1, maxCost: 1 });
    expect(
      loadConfig(
        {
          MAX_QUERY_DEPTH: '1000',
          MAX_QUERY_ALIASES: '10000',
          MAX_QUERY_DIRECTIVES: '10000',
          MAX_QUERY_TOKENS: '1000000',
          MAX_QUERY_ROOT_FIELDS: '1000',
          MAX_QUERY_COST: '1000000000',
        },
        CWD,
      ).queryLimits,
    ).toEqual({
      maxDepth: 1000,
      maxAliases: 10000,
      maxDirectives: 10000,
      maxTokens: 1000000,
      maxRootFields: 1000,
      maxCost: 1000000000,
    });
  });

  it.each([
    ['MAX_QUERY_DEPTH', '0', 'an integer from 1 to 1000'],
    ['MAX_QUERY_DEPTH', '1001', 'an integer from 1 to 1000'],
    ['MAX_QUERY_ALIASES', '-1', 'an integer from 0 to 10000'],
    ['MAX_QUERY_ALIASES', '15.5', 'an integer from 0 to 10000'],
    ['MAX_QUERY_DIRECTIVES', 'many', 'an integer from 0 to 10000'],
    ['MAX_QUERY_TOKENS', '0', 'an integer from 1 to 1000000'],
    ['MAX_QUERY_TOKENS', '1e3', 'an integer from 1 to 1000000'],
    ['MAX_QUERY_ROOT_FIELDS', '1001', 'an integer from 1 to 1000'],
    ['MAX_QUERY_COST', '500,000', 'an integer from 1 to 1000000000'],
    ['MAX_QUERY_COST', '1000000001', 'an integer from 1 to 1000000000'],
  ])('rejects %s=%j with a ConfigError naming it', (variable, value, expected) => {
    expect(configErrorOf({ [variable]: value })).toMatchObject({
      name: 'ConfigError',
      message: `Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}.`,
    });
  });

  it('rejects an unknown PERSISTED_QUERIES with a ConfigError listing the modes', () => {
    expect(() => loadConfig({ PERSISTED_QUERIES: 'safelist' }, CWD)).toThrow(
      new ConfigError('PERSISTED_QUERIES', 'safelist', 'one of automatic, trusted'),
    );
  });

  it('rejects a REDIS_URL that is not a redis:// URL, masking its password', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@cache:6379' }, CWD)).toThrow(
      new ConfigError('REDIS_URL', 'http://user:***@cache:6379/', 'a redis:// or rediss:// URL'),
    );
    expect(() => loadConfig({ REDIS_URL: 'cache:6379 x' }, CWD)).toThrow(/REDIS_URL/);
  });

  it('rejects DATABASE_REPLICA_URLS without DATABASE_URL, with an empty entry, or with a URL of another kind', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://replica/annals' }, CWD)).toThrow(
      new ConfigError('DATABASE_REPLICA_URLS', '(set)', 'DATABASE_URL to be set too (the primary)'),
    );
    const primary = { DATABASE_URL: 'postgres://primary/annals' };
    expect(() => loadConfig({ ...primary, DATABASE_REPLICA_URLS: 'postgres://replica/annals,' }, CWD)).toThrow(
      new ConfigError('DATABASE_REPLICA_URLS', '(an empty entry)', 'comma-separated postgres:// URLs'),
    );
    expect(() => loadConfig({ ...primary, DATABASE_REPLICA_URLS: 'mysql://u:pw@replica/annals' }, CWD)).toThrow(
      new ConfigError('DATABASE_REPLICA_URLS', 'mysql://u:***@replica/annals', 'a postgres:// or postgresql:// URL'),
    );
  });

  it('rejects replica timings out of their bounds, naming the variable', () => {
    expect(() => loadConfig({ REPLICA_MAX_LAG_MS: '0' }, CWD)).toThrow(/REPLICA_MAX_LAG_MS/);
    expect(() => loadConfig({ REPLICA_WAIT_MS: '60001' }, CWD)).toThrow(/REPLICA_WAIT_MS/);
    expect(() => loadConfig({ REPLICA_CHECK_INTERVAL_MS: '49' }, CWD)).toThrow(/REPLICA_CHECK_INTERVAL_MS/);
  });

  it('returns a frozen object that cannot be changed afterwards', () => {
    const config = loadConfig({ PORT: '4001' }, CWD);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 5000;
    }).toThrow(TypeError);
    expect(config.port).toBe(4001);
  });
});
