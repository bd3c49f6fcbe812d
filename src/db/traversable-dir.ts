import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `dir` and any missing folder above it with mode 0755 whatever the umask, so that another
 * user (PostgreSQL's) can pass through; folders that already exist keep their mode.
 */
export async function mkdirTraversable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let folder = dir; ; folder = path.dirname(folder)) {
    await chmod(folder, 0o755);
    if (folder === first || folder === path.dirname(folder)) return;
  }
}
