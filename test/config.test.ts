import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const CWD = path.resolve('/srv/annals');

function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses port 4000, ./.annals under the working directory, info logs and development when nothing is set', () => {
    expect(loadConfig({}, CWD)).toEqual({
      port: 4000,
      databaseUrl: null,
      dataDir: path.join(CWD, '.annals'),
      logLevel: 'info',
      nodeEnv: 'development',
      cacheMaxAge: 0,
    });
  });

  it('treats empty variables as unset', () => {
    expect(
      loadConfig({ PORT: '', DATABASE_URL: '  ', DATA_DIR: '', LOG_LEVEL: '', NODE_ENV: '', CACHE_MAX_AGE: '' }, CWD),
    ).toEqual({
      port: 4000,
      databaseUrl: null,
      dataDir: path.join(CWD, '.annals'),
      logLevel: 'info',
      nodeEnv: 'development',
      cacheMaxAge: 0,
    });
  });

  it('reads every variable that is set to a usable value', () => {
    expect(
      loadConfig(
        {
          PORT: '8080',
          DATABASE_URL: 'postgresql://annals:secret@db.internal:5433/annals',
          DATA_DIR: 'var/pg',
          LOG_LEVEL: 'debug',
          NODE_ENV: 'production',
          CACHE_MAX_AGE: '60',
        },
        CWD,
      ),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgresql://annals:secret@db.internal:5433/annals',
      dataDir: path.join(CWD, 'var/pg'),
      logLevel: 'debug',
      nodeEnv: 'production',
      cacheMaxAge: 60,
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

  it('returns a frozen object that cannot be changed afterwards', () => {
    const config = loadConfig({ PORT: '4001' }, CWD);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 5000;
    }).toThrow(TypeError);
    expect(config.port).toBe(4001);
  });
});
