import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest directory above the working directory that has nest-cli.json. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`run this from inside the repository (no nest-cli.json above ${start})`);
  }
}

export const ROOT = findRoot(process.cwd());
/** Runtime state of the local platform (broker data, logs); ignored by git. */
export const STATE_DIR = process.env.LOCAL_STATE_DIR ?? join(ROOT, '.local');
export const KAFKA_POM = join(ROOT, 'deploy', 'local', 'kafka', 'pom.xml');
export const KAFKA_LIB = join(ROOT, 'deploy', 'local', 'kafka', 'lib');
