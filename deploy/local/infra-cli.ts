import { infraDown, infraUp } from './infra';

/** `npm run infra:up` / `npm run infra:down`. */
const command = process.argv[2];
const action = command === 'up' ? infraUp : command === 'down' ? infraDown : undefined;
if (!action) {
  console.error('usage: infra (up|down)');
  process.exit(2);
}
action().catch((error: Error) => {
  console.error(`[infra] ${error.message}`);
  process.exit(1);
});
