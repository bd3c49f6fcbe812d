import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

/** The repository root: the working directory of the processes spawned here. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

/**
 * Makes `require` load `.ts` files by transpiling each one on its own with tsconfig.json's options,
 * as ts-jest does (the project compiles with isolatedModules), so no build is needed.
 */
const REGISTER_TYPESCRIPT = `
const fs = require('node:fs');
const ts = require('typescript');
const read = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, process.cwd());
const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, incremental: false, noEmit: false };
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
`;

/**
 * Runs `script` (CommonJS, requiring `.ts` files by paths relative to the repository root) in a new
 * Node.js process with exactly `env` plus PATH and HOME. Its output is piped.
 */
export function spawnTypeScript(script: string, env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-e', `${REGISTER_TYPESCRIPT}\n${script}`], {
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
