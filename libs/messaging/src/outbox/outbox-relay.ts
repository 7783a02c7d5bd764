import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { NotifiedLoop } from '@rental/persistence';
import { Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FAULT_INJECTOR, type FaultInjector } from '../faults/fault-injector';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
}

/** Any constant works; it only has to be the same for every instance of one service. */
const RELAY_LOCK_ID = 0x6f7574626f78;

/**
 * Publishes committed outbox rows to Kafka in commit order, then marks them published.
 *
 * Woken by NOTIFY at commit (low latency), with a slow poll as a fallback for lost notifications.
 * One instance publishes at a time (a transaction-scoped advisory lock), so a scaled-out service
 * never publishes one aggregate's events out of order. A crash after publishing and before
 * marking publishes the batch again; consumers' inboxes absorb the duplicate. A producer whose
 * send failed is replaced before the next pass: an idempotent producer that gave up mid-batch can
 * be left out of step with the broker's sequence numbers and fail every send after it.
 */
@Injectable()
export class OutboxRelay {
  private producer?: Producer;
  private producerFailed = false;
  private loop?: NotifiedLoop;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(FAULT_INJECTOR) private readonly faults: FaultInjector,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async start(): Promise<void> {
    this.producer = this.newProducer();
    await this.producer.connect();
    this.loop = new NotifiedLoop({
      name: OutboxRelay.name,
      dataSource: this.dataSource,
      channel: 'messaging_outbox',
      pollIntervalMs: this.options.relayPollIntervalMs,
      clock: this.clock,
      // A full batch asks for another pass at once; a failed one (broker or database down) is retried after a backoff.
      pass: async () => ((await this.publishBatch()) === this.options.relayBatchSize ? 'more' : 'done'),
      retry: this.options.backoff,
    });
    await this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
    await this.producer?.disconnect();
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      // Idempotence in kafkajs keeps order only with one request in flight per broker.
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private async replaceFailedProducer(): Promise<void> {
    if (!this.producerFailed) return;
    await this.producer?.disconnect().catch(() => undefined);
    const producer = this.newProducer();
    // Connects first: a failed connect keeps the flag, and the next pass (after the backoff) tries again.
    await producer.connect().catch(async (error: unknown) => {
      await producer.disconnect().catch(() => undefined);
      throw error;
    });
    this.producer = producer;
    this.producerFailed = false;
  }

  private async publishBatch(): Promise<number> {
    await this.replaceFailedProducer();
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_ID]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, key, headers, value FROM messaging_outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.relayBatchSize],
      );
      if (rows.length === 0) return 0;
      try {
        await this.producer!.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
      } catch (error) {
        this.producerFailed = true;
        throw error;
      }
      await this.faults.reached('relay.batch-published');
      const ids = rows.map((r) => r.id);
      // A secret is on the broker now; keeping a copy in the outbox for inspection would only leak it.
      await manager.query(`DELETE FROM messaging_outbox WHERE id = ANY($1::bigint[]) AND contains_secrets`, [ids]);
      // The service's clock, which the retention purge measures against (RetentionPurge).
      await manager.query(`UPDATE messaging_outbox SET published_at = $2 WHERE id = ANY($1::bigint[])`, [ids, this.clock.now()]);
      return rows.length;
    });
  }
}

/** Keeps commit order within each topic; the producer keeps it within each partition. */
function groupByTopic(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.key, value: row.value, headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
