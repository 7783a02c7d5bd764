import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMessage, eventsTopic, KAFKA_PRINCIPALS, type KafkaPrincipalName, plannedTopics, platformRegistry, quoteCreateV1 } from '@rental/contracts';
import { kafkaJsSecurity, type KafkaSecurity } from '@rental/messaging';
import { Kafka, type KafkaMessage, logLevel, Partitioners } from 'kafkajs';
import { OrderModule } from '../../apps/order/src/order.module';
import { uniqueId } from '../support/isolation';
import { envelopeMessage } from '../support/raw-kafka';
import { type SecuredTestBroker, startSecuredTestBroker } from '../support/secured-broker';
import { startServiceApp } from '../support/service-app';

/**
 * The access plan on a real broker that authenticates (SASL_SSL, SCRAM-SHA-512) and authorizes
 * (StandardAuthorizer, nothing allowed that no ACL allows): every principal can do what the plan
 * grants and nothing else, and a service runs end to end under its own principal.
 */
describe('Kafka principals and their ACLs on a secured broker', () => {
  const prefix = `t${uniqueId()}.`;
  let broker: SecuredTestBroker;

  const client = (security: KafkaSecurity) =>
    new Kafka({
      clientId: 'acl-test',
      brokers: broker.brokers,
      ...kafkaJsSecurity(security),
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 100 },
    });
  const as = (name: KafkaPrincipalName) => client(broker.securityOf(name));
  const accessOf = (name: KafkaPrincipalName) => broker.plan.find((a) => a.name === name)!;
  const producerOf = (kafka: Kafka) => kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });

  beforeAll(async () => {
    broker = await startSecuredTestBroker(prefix);
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('refuses a wrong password, and a client without credentials', async () => {
    const crm = broker.securityOf('crm');
    const wrong = client({ ...crm, sasl: { ...crm.sasl!, password: `${crm.sasl!.password}x` } }).producer();
    await expect(wrong.connect()).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
      message: expect.stringMatching(/SASL SCRAM SHA512 authentication failed/),
    });
    const anonymous = client({ ssl: crm.ssl }).admin();
    await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
    await anonymous.disconnect();
  });

  it("refuses the CRM's principal billing's facts, the machines' passwords on provisioning's topic, and another service's group", async () => {
    const crm = as('crm');
    const producer = producerOf(crm);
    await producer.connect();
    try {
      // Its own topic works (the control), and it needs no IDEMPOTENT_WRITE on the cluster for that.
      await producer.send({ topic: eventsTopic('crm', prefix), acks: -1, messages: [{ key: 'k', value: 'own' }] });
      const forged = await producer
        .send({ topic: eventsTopic('billing', prefix), acks: -1, messages: [{ key: 'k', value: 'forged' }] })
        .catch((e: unknown) => e);
      expect(forged).toMatchObject({ cause: { name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED' } });
    } finally {
      await producer.disconnect();
    }

    const reader = crm.consumer({ groupId: `${prefix}rental.crm.reader` });
    await reader.connect();
    try {
      await expect(reader.subscribe({ topics: [eventsTopic('provisioning', prefix)], fromBeginning: true })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await reader.disconnect();
    }

    // In the order service's group it could take the order service's partitions: refused.
    const intruder = crm.consumer({ groupId: `${prefix}rental.order`, retry: { retries: 0 } });
    const crashed = new Promise<Error>((resolve) => intruder.on(intruder.events.CRASH, ({ payload }) => resolve(payload.error)));
    await intruder.connect();
    try {
      await intruder.subscribe({ topics: [eventsTopic('order', prefix)], fromBeginning: true });
      await intruder.run({ eachMessage: async () => undefined });
      expect((await crashed).message).toMatch(/group coordinator|authoriz/i);
    } finally {
      await intruder.disconnect();
    }
  });

  it('lets every principal write exactly the topics the plan gives it', async () => {
    const topics = plannedTopics(broker.plan);
    for (const name of KAFKA_PRINCIPALS) {
      const producer = producerOf(as(name));
      await producer.connect();
      try {
        const outcomes: Record<string, string> = {};
        for (const topic of topics) {
          outcomes[topic] = await producer
            .send({ topic, acks: -1, messages: [{ key: name, value: `written by ${name}` }] })
            // Refused in the metadata (a topic it may not even see) or in the produce (one it may only read).
            .then(
              () => 'written',
              (e: { type?: string; cause?: { type?: string } }) => e.type ?? e.cause?.type ?? String(e),
            );
        }
        const expected = Object.fromEntries(topics.map((t) => [t, accessOf(name).writes.includes(t) ? 'written' : 'TOPIC_AUTHORIZATION_FAILED']));
        expect({ name, outcomes }).toEqual({ name, outcomes: expected });
      } finally {
        await producer.disconnect();
      }
    }
  });

  it('lets every principal read what it consumes, under its own group, and see no other topic', async () => {
    const topics = plannedTopics(broker.plan);
    await Promise.all(
      KAFKA_PRINCIPALS.map(async (name) => {
        const access = accessOf(name);
        const consumer = as(name).consumer({ groupId: access.groups[0].name, maxWaitTimeInMs: 200 });
        await consumer.connect();
        try {
          // Topics it neither reads nor writes are not even visible to it.
          for (const topic of topics.filter((t) => !access.reads.includes(t) && !access.writes.includes(t))) {
            await expect(consumer.subscribe({ topics: [topic] })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
          }
          // What the test before wrote on each topic it reads, as that topic's writers.
          const expected = new Set(access.reads.flatMap((topic) => broker.plan.filter((a) => a.writes.includes(topic)).map((a) => `${topic} ${a.name}`)));
          const seen = new Set<string>();
          await consumer.subscribe({ topics: access.reads, fromBeginning: true });
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${name} read only ${[...seen].join(', ')}`)), 30_000);
            consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
            void consumer.run({
              eachMessage: async ({ topic, message }) => {
                seen.add(`${topic} ${message.key?.toString()}`);
                if ([...expected].every((e) => seen.has(e))) {
                  clearTimeout(timer);
                  resolve();
                }
              },
            });
          });
        } finally {
          await consumer.disconnect();
        }
      }),
    );
  });

  it('runs the order service in production mode under its own principal: it starts, answers a quote request from the gateway, and creates no topic', async () => {
    const topicsBefore = await listTopicsAsAdmin();
    const order = await startServiceApp(
      'order',
      (config) => OrderModule.register(config),
      { ...broker.envOf('order'), NODE_ENV: 'production' },
      prefix,
      {},
      false,
    );
    const reader = as('gateway').consumer({ groupId: `${prefix}rental.gateway`, maxWaitTimeInMs: 200 });
    try {
      expect(order.config.kafka.security.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: `${prefix}order` });
      const ready = await fetch(`${order.baseUrl}/health/ready`).then((r) => r.json());
      expect(ready).toMatchObject({ details: { kafka: { status: 'up' } } });

      const quoteId = randomUUID();
      const answers: KafkaMessage[] = [];
      await reader.connect();
      await reader.subscribe({ topics: [eventsTopic('order', prefix)], fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void (message.key?.toString() === quoteId && answers.push(message)) });

      const gateway = producerOf(as('gateway'));
      await gateway.connect();
      await gateway.send({
        topic: `${prefix}rental.order.commands.v1`,
        acks: -1,
        messages: [envelopeMessage(quoteCreateV1, quoteId, { ...quoteCreateV1.example, quoteId }, { source: 'gateway' })],
      });
      await gateway.disconnect();

      const deadline = Date.now() + 30_000;
      while (answers.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const decoded = decodeMessage({ key: answers[0]?.key ?? null, value: answers[0]?.value ?? null, headers: answers[0]?.headers ?? {} }, platformRegistry);
      expect(decoded).toMatchObject({ ok: true, envelope: { type: expect.stringMatching(/^quote\.(created|rejected)$/), source: 'order' } });
      expect(await listTopicsAsAdmin()).toEqual(topicsBefore);
    } finally {
      await reader.disconnect();
      await order.close();
    }
  });

  it("keeps every password out of the broker's log", () => {
    const log = readFileSync(join(broker.dir, 'broker.log'), 'utf8');
    expect(log).toMatch(/authenticat/i); // it did log the failed logins above
    const passwords = [broker.admin, ...KAFKA_PRINCIPALS.map((name) => broker.securityOf(name))].map((s) => s.sasl!.password);
    expect(passwords.filter((password) => log.includes(password))).toEqual([]);
  });

  async function listTopicsAsAdmin(): Promise<string[]> {
    const admin = client(broker.admin).admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).filter((t) => !t.startsWith('__')).sort();
    } finally {
      await admin.disconnect();
    }
  }
});
