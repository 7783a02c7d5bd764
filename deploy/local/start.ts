import { execFileSync } from 'node:child_process';
import { ConfigError } from '@rental/config';
import { loadServiceSettings, SERVICE_NAMES } from '@rental/service-kit';
import { concurrently } from 'concurrently';
import { infraUp } from './infra';
import { publishInventorySeed } from './inventory-seed';
import { portAnswers } from './local-kafka';
import { ROOT } from './paths';

/**
 * `npm start`: build, bring up Kafka and the databases, then run all five services and a local
 * SMTP sink (mail kept in .local/mail/) in one terminal with prefixed logs. Ctrl-C stops the services; the broker keeps running for the next
 * start (stop it with `npm run infra:down`).
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const configs = SERVICE_NAMES.map((s) => loadServiceSettings(s));
  console.log('[start] building...');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  // The services follow wherever infra put Kafka (LOCAL_KAFKA_PORT may move the local broker).
  const { brokers, secured } = await infraUp();

  // The notification service mails to SMTP_PORT; locally a sink receives and keeps every mail.
  const smtpPort = Number(process.env.SMTP_PORT ?? 1025);
  const mailSink = (await portAnswers(smtpPort))
    ? (console.log(`[start] something already answers SMTP on 127.0.0.1:${smtpPort}; not starting the mail sink`), [])
    : [{ name: 'mail', command: `${process.execPath} ${require.resolve('tsx/cli')} deploy/local/smtp-sink-cli.ts` }];

  const { result } = concurrently(
    [
      ...mailSink,
      ...configs.map((c) => ({
        name: c.service,
        command: `node -r tsconfig-paths/register dist/apps/${c.service}/src/main.js`,
        // On the secured broker each service connects as its own principal, with its own password.
        env: { TS_NODE_BASEURL: './dist', KAFKA_BROKERS: brokers.join(','), ...secured?.envOf(c.service) },
      })),
    ],
    { cwd: ROOT, prefix: '{name}', prefixColors: ['gray', 'cyan', 'green', 'yellow', 'magenta', 'blue'], killOthersOn: ['failure'], padPrefix: true },
  );

  void reportWhenHealthy(
    configs.map((c) => ({ name: c.service, port: c.port })),
    startedAt,
  ).then(async (ready) => {
    if (!ready) return;
    const published = await publishInventorySeed(brokers, configs[0].kafka.topicPrefix, secured?.securityOf('inventory'));
    console.log(`[start] the starting inventory published as ${published} inventory events (no change for a seeded database)`);
  });
  await result.then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

async function reportWhenHealthy(services: { name: string; port: number }[], startedAt: number): Promise<boolean> {
  const pending = new Set(services.map((s) => s.name));
  while (pending.size > 0 && Date.now() - startedAt < 300_000) {
    for (const s of services.filter((x) => pending.has(x.name))) {
      const ok = await fetch(`http://127.0.0.1:${s.port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) pending.delete(s.name);
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 250));
  }
  if (pending.size === 0) {
    const urls = services.map((s) => `${s.name} http://127.0.0.1:${s.port}`).join(', ');
    console.log(`[start] all ${services.length} services ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${urls}`);
    return true;
  }
  console.log(`[start] not ready after 5 minutes: ${[...pending].join(', ')}`);
  return false;
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? `[start] cannot start. ${error.message}` : `[start] ${error.message}`);
  process.exit(1);
});
