import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../deploy/local/paths';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface BuiltProcess {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The first match of `pattern` in its output, once written; rejects, with the output, if it exits first. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<Exit>;
}

/** Runs a compiled entry point from dist/ the way `npm run start:*` does, capturing its output. */
export function spawnBuilt(entry: string, args: string[], env: Record<string, string>): BuiltProcess {
  const file = join(ROOT, 'dist', entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_BASEURL: './dist', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(out);
        if (match === null) return;
        child.stdout!.off('data', look);
        child.stderr!.off('data', look);
        resolve(match);
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      look();
      void exited.then(({ code, signal }) => reject(new Error(`exited (code ${code}, signal ${signal}) before printing ${pattern}:\n${out}`)));
    });
  return {
    child,
    exited,
    output: () => out,
    printed,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
