import { type BuiltProcess, spawnBuilt } from './built-process';

export interface FixtureProcess extends BuiltProcess {
  /** Resolves once the fixture printed READY; rejects if it exits first. */
  ready: Promise<void>;
}

/** Runs a fixture service (test/fixtures/fixture-process.ts) as a real, killable process. */
export function spawnFixture(role: 'ledger' | 'tally', env: Record<string, string>): FixtureProcess {
  const process = spawnBuilt('test/fixtures/fixture-process.js', [role], env);
  const ready = process.printed(/READY/).then(() => undefined);
  // A fixture killed on purpose never gets ready; only a test that waits for it cares.
  ready.catch(() => undefined);
  return { ...process, ready };
}
