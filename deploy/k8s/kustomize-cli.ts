import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { renderKustomization } from './kustomize';

/** `tsx deploy/k8s/kustomize-cli.ts <directory>`: prints what deploy/k8s/kustomize.ts renders there. */
const directory = process.argv[2];
if (!directory || !existsSync(join(directory, 'kustomization.yaml'))) {
  console.error('usage: tsx deploy/k8s/kustomize-cli.ts <directory with a kustomization.yaml>');
  process.exit(2);
}
process.stdout.write(
  renderKustomization(directory)
    .map((object) => stringify(object))
    .join('---\n'),
);
