import { ConfigError, env, loadConfig } from '@rental/config';
import { type KafkaAccess, kafkaAccessPlan, plannedTopics, platformEvents } from '@rental/contracts';
import { applyKafkaAccessPlan, describeKafkaSecurity, kafkaJsSecurity } from '@rental/messaging';
import { DEFAULT_KAFKA_BROKERS, loadKafkaSecurity } from '@rental/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';

/**
 * `npm run kafka:acls`: prints the platform's Kafka access plan for KAFKA_TOPIC_PREFIX: each
 * principal's topics and groups, and the same as kafka-acls.sh commands for operators who apply
 * ACLs with Kafka's own tools. `npm run kafka:acls -- --apply` applies it to the cluster in
 * KAFKA_BROKERS (topics with KAFKA_PARTITIONS partitions, then the ACLs), connecting with
 * KAFKA_SSL, KAFKA_SSL_CA_FILE and KAFKA_SASL_* as an administrator (a super user, or one allowed
 * to create topics and ACLs).
 */
async function main(): Promise<void> {
  const apply = process.argv.includes('--apply');
  const c = loadConfig(
    z.object({ KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS), KAFKA_TOPIC_PREFIX: env.topicPrefix(), KAFKA_PARTITIONS: env.positiveInt(3) }),
  );
  const plan = kafkaAccessPlan(platformEvents, c.KAFKA_TOPIC_PREFIX);
  if (!apply) {
    print(plan);
    return;
  }
  const security = loadKafkaSecurity();
  const kafka = new Kafka({ clientId: 'rental-access-plan', brokers: c.KAFKA_BROKERS, ...kafkaJsSecurity(security), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const applied = await applyKafkaAccessPlan(admin, plan, c.KAFKA_PARTITIONS);
    console.log(
      `applied to ${c.KAFKA_BROKERS.join(',')} (${describeKafkaSecurity(security)}): ${applied.topics} topics, ${applied.acls} ACLs for ${plan.length} principals`,
    );
    console.log('each principal also needs its SCRAM user, e.g.:');
    console.log(
      `  kafka-configs.sh --bootstrap-server <broker> --command-config admin.properties --alter --entity-type users --entity-name ${plan[0].username} --add-config 'SCRAM-SHA-512=[password=<its password>]'`,
    );
  } finally {
    await admin.disconnect();
  }
}

function print(plan: readonly KafkaAccess[]): void {
  for (const access of plan) {
    console.log(`User:${access.username}`);
    console.log(`  writes  ${access.writes.join(', ')}`);
    console.log(`  reads   ${access.reads.join(', ')}`);
    console.log(`  groups  ${access.groups.map((g) => (g.pattern === 'prefixed' ? `${g.name}* (prefixed)` : g.name)).join(', ')}`);
  }
  console.log(`\ntopics to create (no principal may create topics): ${plannedTopics(plan).join(' ')}\n`);
  console.log("# the same with Kafka's own tool, as an administrator:");
  for (const access of plan) {
    const add = `kafka-acls.sh --bootstrap-server "$B" --command-config admin.properties --add --allow-principal User:${access.username}`;
    for (const topic of access.writes) console.log(`${add} --operation Write --topic ${topic}`);
    for (const topic of access.reads) console.log(`${add} --operation Read --topic ${topic}`);
    for (const g of access.groups)
      console.log(`${add} --operation Read --group ${g.name}${g.pattern === 'prefixed' ? ' --resource-pattern-type prefixed' : ''}`);
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? `[kafka:acls] cannot start. ${error.message}` : `[kafka:acls] ${error.message}`);
  process.exit(1);
});
