import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-postgres-error';

const run = promisify(execFile);

/** The system user PostgreSQL runs as when Annals runs as root (PostgreSQL refuses to run as root). */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const SERVER_USER = 'postgres';

async function lookUp(name: string): Promise<ServerUser | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * The user the embedded PostgreSQL runs as: null when Annals does not run as root (PostgreSQL then
 * runs as the same user); as root, the system user `postgres`, created (group and user, as the
 * embedded-postgres package does) when missing.
 */
export async function serverUser(): Promise<ServerUser | null> {
  if (process.getuid?.() !== 0) return null;
  const existing = await lookUp(SERVER_USER);
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', SERVER_USER]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', SERVER_USER, '--no-create-home', SERVER_USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Annals runs as root, so its PostgreSQL must run as the user "${SERVER_USER}", which does not exist and could not be created (${(error as Error).message.split('\n')[0]}); create it (useradd --system ${SERVER_USER}) or run Annals as another user.`,
      { cause: error },
    );
  }
  const created = await lookUp(SERVER_USER);
  if (!created) throw new EmbeddedPostgresError(`The user "${SERVER_USER}" was created but cannot be looked up.`);
  return created;
}

/**
 * Whether `user` can reach `target` with `access` ('x': enter a folder or run a file; 'r': read;
 * 'w': write), every folder on the way included. Asked of the kernel as that user, with the same
 * credentials the server gets (no supplementary groups), so ACLs and modes count as they will.
 */
export function canReach(user: ServerUser, target: string, access: 'x' | 'r' | 'w'): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', `test -${access} "$1"`, 'sh', target], {
      uid: user.uid,
      gid: user.gid,
      stdio: 'ignore',
    });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}
