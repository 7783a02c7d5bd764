import { encodeEnvelope, topicOf } from '@rental/contracts';
import { kafkaJsSecurity, type KafkaSecurity, PLAINTEXT } from '@rental/messaging';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { INVENTORY_SEED_EVENTS } from '../../apps/provisioning/src/infrastructure/inventory-seed-events';

/**
 * Publishes the starting inventory (the seeded hosts and address ranges) as the datacentre
 * inventory's first events, as the inventory system would: the inventory topic then tells the
 * whole story of the capacity. Fixed event ids make every later start's copy a no-op (provisioning's
 * inbox), and on a database seeded by the migration they change nothing anyway.
 */
export async function publishInventorySeed(brokers: string[], topicPrefix = '', security: KafkaSecurity = PLAINTEXT): Promise<number> {
  // On a secured cluster, as the inventory's own principal: the only one allowed to write its topic.
  const kafka = new Kafka({ clientId: 'rental-inventory-seed', brokers, ...kafkaJsSecurity(security), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (const seed of INVENTORY_SEED_EVENTS) {
      const message = encodeEnvelope({
        id: seed.eventId,
        type: seed.definition.type,
        version: seed.definition.version,
        source: 'inventory',
        occurredAt: new Date().toISOString(),
        correlationId: seed.eventId,
        causationId: null,
        key: seed.key,
        payload: seed.payload,
      });
      await producer.send({ topic: topicOf(seed.definition, topicPrefix), acks: -1, messages: [message] });
    }
    return INVENTORY_SEED_EVENTS.length;
  } finally {
    await producer.disconnect();
  }
}
