import { spawnBuilt, type BuiltProcess } from './built-process';

export interface FixtureProcess extends BuiltProcess {
  /** Resolves once the fixture printed READY; rejects if it exits first. */
  ready: Promise<void>;
}

/** Runs a fixture service (test/fixtures/fixture-process.ts) as a real, killable process. */
export function spawnFixture(role: 'ledger' | 'tally', env: Record<string, string>): FixtureProcess {
  const process = spawnBuilt('test/fixtures/fixture-process.js', [role], env);
  const ready = new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (process.output().includes('READY')) {
        process.child.stdout!.off('data', onData);
        resolve();
      }
    };
    process.child.stdout!.on('data', onData);
    void process.exited.then(({ code, signal }) =>
      reject(new Error(`${role} exited before ready (code ${code}, signal ${signal}):\n${process.output()}`)),
    );
  });
  ready.catch(() => undefined);
  return { ...process, ready };
}
