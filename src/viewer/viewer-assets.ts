import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A file the viewer page loads. */
export interface ViewerAsset {
  body: Buffer;
  type: string;
}

/** The folder of an installed package, found from its entry point. */
function packageRoot(packageName: string): string {
  let dir = path.dirname(require.resolve(packageName));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== packageName) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${packageName}`);
    dir = parent;
  }
  return dir;
}

/** src/viewer/static, found from here whether this module runs from src/ (tests) or dist/src/ (npm start). */
function staticDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root');
    dir = parent;
  }
  return path.join(dir, 'src', 'viewer', 'static');
}

/** The files by name: vis-timeline's browser build and styles from node_modules, the viewer's own from the repo. */
const FILES: Record<string, () => string> = {
  'vis-timeline.js': () => path.join(packageRoot('vis-timeline'), 'standalone/umd/vis-timeline-graph2d.min.js'),
  'vis-timeline.css': () => path.join(packageRoot('vis-timeline'), 'styles/vis-timeline-graph2d.min.css'),
  'viewer.js': () => path.join(staticDir(), 'viewer.js'),
  'viewer.css': () => path.join(staticDir(), 'viewer.css'),
};

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };

const cache = new Map<string, ViewerAsset>();

/** A viewer asset by file name, read once; null for names the viewer does not have. */
export function viewerAsset(name: string): ViewerAsset | null {
  const cached = cache.get(name);
  if (cached) return cached;
  if (!Object.hasOwn(FILES, name)) return null;
  const asset = { body: readFileSync(FILES[name]!()), type: TYPES[path.extname(name)]! };
  cache.set(name, asset);
  return asset;
}
