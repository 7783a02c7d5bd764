import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { deadLetterTopic, decodeMessage, type EventEnvelope } from '@rental/contracts';
import { isTransientDatabaseError } from '@rental/persistence';
import { backoffDelay } from '@rental/retry';
import { type Consumer, type EachBatchPayload, Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FAULT_INJECTOR, type FaultInjector } from '../faults/fault-injector';
import { EventContext } from '../handlers/event-context';
import { HandlerRegistry, type RegisteredHandler } from '../handlers/handler-registry';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { consumerGroupId, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { Outbox } from '../outbox/outbox';
import { sleep } from '../retry/sleep';
import { ConsumerRestarts } from './consumer-restarts';
import { type DeadLetter, deadLetterMessage, redactSecretsInText } from './dead-letter';

/** Offsets are committed at least this often within a long batch, and always at its end. */
const COMMIT_INTERVAL_MS = 200;

/**
 * Where the consumer stands with its group, from kafkajs's instrumentation events: only a member
 * (joined, or re-joining in a rebalance it was part of) takes partitions.
 */
export type ConsumerMembership = 'idle' | 'joining' | 'member' | 'rebalancing' | 'crashed' | 'stopped';

export interface ConsumerLiveness {
  group: string;
  membership: ConsumerMembership;
  /** When it last changed; the injectable clock. */
  since: Date;
  /** Crashes (and failed rebuilds) since it last joined its group. */
  restarts: number;
  /** Why it last crashed, while it has not joined again. */
  lastCrash?: string;
}

interface BatchControl {
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was taken away by a rebalance. */
  stillOwned(): boolean;
}

/**
 * Consumes the topics of the events and commands this service handles.
 *
 * Per message: decode and validate against the contract, and check that it came from its owner,
 * on the owner's topic (failures are dead-lettered with the reason and act on nothing); then, in
 * one transaction, claim the event id in the inbox and apply every handler (a duplicate's claim finds the row and the handlers are skipped); only after that commit is the
 * offset committed. Transient database failures are retried with backoff for as long as it
 * takes; a handler that keeps failing for any other reason is dead-lettered so the partition moves on.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private consumer?: Consumer;
  private deadLetterProducer?: Producer;
  private running = false;
  private membership: ConsumerMembership = 'idle';
  private membershipSince: Date;
  private lastCrash?: string;
  private readonly restarts: ConsumerRestarts;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(FAULT_INJECTOR) private readonly faults: FaultInjector,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly handlers: HandlerRegistry,
    private readonly outbox: Outbox,
  ) {
    this.membershipSince = clock.now();
    this.restarts = new ConsumerRestarts(options.consumerRestart);
  }

  get groupId(): string {
    return consumerGroupId(this.options);
  }

  subscribedTopics(): string[] {
    return this.handlers.topics(this.options.topicPrefix);
  }

  /** What readiness reports; undefined for a service that consumes nothing. */
  liveness(): ConsumerLiveness | undefined {
    if (this.membership === 'idle' && this.subscribedTopics().length === 0) return undefined;
    return {
      group: this.groupId,
      membership: this.membership,
      since: this.membershipSince,
      restarts: this.restarts.attempts,
      ...(this.lastCrash === undefined ? {} : { lastCrash: this.lastCrash }),
    };
  }

  async start(): Promise<void> {
    const topics = this.subscribedTopics();
    if (topics.length === 0) {
      this.logger.log('no event handlers registered; not consuming');
      return;
    }
    this.deadLetterProducer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.deadLetterProducer.connect();
    this.running = true;
    await this.runConsumer(topics);
    this.logger.log(`consuming ${topics.join(', ')} as ${this.groupId}`);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.deadLetterProducer?.disconnect();
    this.setMembership('stopped');
  }

  /**
   * A new kafkajs consumer, subscribed and running. Every crash ends it for good (kafkajs would
   * restart it itself only after retriable errors, and not after e.g. "The coordinator is not aware
   * of this member" following a broker restart): one rule then covers them all, a rebuild after a
   * backoff, until it is a member of its group again.
   */
  private async runConsumer(topics: string[]): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(this.options.sessionTimeoutMs / 5)),
      // Bounds how long a shutdown waits for an idle fetch to return.
      maxWaitTimeInMs: 1_000,
      // kafkajs's own retries within a run (its default count); a crash is ours to handle.
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    const { GROUP_JOIN, REBALANCING, CRASH, STOP, DISCONNECT } = consumer.events;
    // Only the consumer in service speaks: a crashed one's late events must not overwrite its successor's state.
    const mine = (then: () => void) => () => {
      if (this.consumer === consumer && this.running) then();
    };
    const follow: [typeof GROUP_JOIN | typeof REBALANCING | typeof STOP | typeof DISCONNECT, () => void][] = [
      [GROUP_JOIN, () => this.joined()],
      [REBALANCING, () => this.setMembership('rebalancing')],
      [STOP, () => this.setMembership('stopped')],
      [DISCONNECT, () => this.setMembership('stopped')],
    ];
    for (const [event, then] of follow) consumer.on(event, mine(then));
    consumer.on(CRASH, (event) => mine(() => this.crashed(topics, event.payload.error))());
    this.setMembership('joining');
    await consumer.connect();
    // A new group starts from the beginning: events published before its first start are not lost.
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.consumerConcurrency,
      eachBatch: (payload) => this.consumeBatch(consumer, payload),
    });
  }

  private joined(): void {
    this.restarts.joined();
    this.lastCrash = undefined;
    this.setMembership('member');
  }

  private crashed(topics: string[], error: Error): void {
    this.lastCrash = `${error.name}: ${error.message}`;
    this.setMembership('crashed');
    const delay = this.restarts.crashed();
    this.logger.error(`consumer ${this.groupId} crashed (${this.restarts.attempts} in a row), rebuilding it in ${delay} ms: ${this.lastCrash}`);
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.rebuild(topics), delay);
  }

  private async rebuild(topics: string[]): Promise<void> {
    if (!this.running) return;
    // kafkajs disconnects a consumer before it reports the crash; this only makes sure.
    await this.consumer?.disconnect().catch(() => undefined);
    try {
      await this.runConsumer(topics);
    } catch (error) {
      // Connect or subscribe failed (the cluster is still away): the same backoff, one step longer.
      if (this.running) this.crashed(topics, error as Error);
    }
  }

  private setMembership(membership: ConsumerMembership): void {
    if (membership === this.membership) return;
    this.membership = membership;
    this.membershipSince = this.clock.now();
  }

  private async consumeBatch(consumer: Consumer, { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const control: BatchControl = { heartbeat, stillOwned: () => this.running && isRunning() && !isStale() };
    await this.faults.reached('consumer.batch-started');
    let processedUpTo: string | undefined;
    let lastCommit = Date.now();
    const commit = async () => {
      if (processedUpTo === undefined) return;
      const offset = (BigInt(processedUpTo) + 1n).toString();
      processedUpTo = undefined;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]);
      lastCommit = Date.now();
    };

    for (const message of batch.messages) {
      if (!control.stillOwned()) break;
      const done = await this.consumeMessage(batch.topic, batch.partition, message, control);
      if (!done) break;
      resolveOffset(message.offset);
      processedUpTo = message.offset;
      if (Date.now() - lastCommit >= COMMIT_INTERVAL_MS) await commit();
    }
    await commit();
  }

  /** Returns true when the message is dealt with (applied, skipped or dead-lettered). */
  private async consumeMessage(topic: string, partition: number, message: KafkaMessage, control: BatchControl): Promise<boolean> {
    const decoded = decodeMessage({ key: message.key, value: message.value, headers: message.headers ?? {} }, this.options.registry, {
      topic,
      topicPrefix: this.options.topicPrefix,
    });
    if (!decoded.ok) {
      if (decoded.invalid !== undefined && !(await this.answerInvalid(decoded.invalid.envelope, decoded.detail, control))) return false;
      return this.deadLetter({ reason: decoded.reason, detail: decoded.detail, topic, partition, message }, control);
    }
    const { envelope } = decoded;
    const handlers = this.handlers.handlersFor(envelope.type, envelope.version);
    if (handlers.length === 0) return true; // a fact this service has no interest in

    let failures = 0;
    let transientFailures = 0;
    for (;;) {
      if (!control.stillOwned()) return false;
      try {
        await this.applyOnce(envelope, handlers);
        await this.faults.reached('consumer.effect-committed');
        return true;
      } catch (error) {
        const reason = (error as Error)?.message ?? String(error);
        let delay: number;
        if (isTransientDatabaseError(error)) {
          transientFailures += 1;
          delay = backoffDelay(transientFailures, this.options.backoff);
          this.logger.warn(`${envelope.type} ${envelope.id}: transient failure, retry ${transientFailures} in ${delay} ms: ${reason}`);
        } else {
          failures += 1;
          if (failures >= this.options.handlerAttempts) {
            return this.deadLetter(
              { reason: 'handler-failed', detail: `${handlers.map((h) => h.name).join(', ')}: ${reason}`, topic, partition, message },
              control,
            );
          }
          delay = backoffDelay(failures, this.options.backoff);
          this.logger.warn(`${envelope.type} ${envelope.id}: handler failed (${failures}/${this.options.handlerAttempts}), retry in ${delay} ms: ${reason}`);
        }
        await this.pause(delay, control);
      }
    }
  }

  /**
   * Tells the sender of an invalid message why it was refused, where a @RejectInvalid handler can;
   * once per event id, like any effect. A failing answer is retried, then given up: the message
   * still goes to the dead-letter topic, which is the record that matters. False: partition lost.
   */
  private async answerInvalid(envelope: EventEnvelope<unknown>, problem: string, control: BatchControl): Promise<boolean> {
    const rejecter = this.handlers.rejecterFor(envelope.type, envelope.version);
    if (rejecter === undefined) return true;
    const handler: RegisteredHandler = { name: rejecter.name, handle: (event, ctx) => rejecter.reject(event, problem, ctx) };
    for (let attempt = 1; ; attempt++) {
      if (!control.stillOwned()) return false;
      try {
        await this.applyOnce(envelope as EventEnvelope, [handler]);
        return true;
      } catch (error) {
        if (attempt >= this.options.handlerAttempts && !isTransientDatabaseError(error)) {
          this.logger.error(`${rejecter.name} could not answer invalid ${envelope.type} ${envelope.id}: ${(error as Error).message}`);
          return true;
        }
        await this.pause(backoffDelay(attempt, this.options.backoff), control);
      }
    }
  }

  private async applyOnce(envelope: EventEnvelope, handlers: RegisteredHandler[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO messaging_inbox (consumer, event_id, event_type, processed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        // Stamped with the clock the retention purge measures against.
        [this.groupId, envelope.id, envelope.type, this.clock.now()],
      );
      if (claimed.length === 0) return; // applied before: a redelivery or a republished duplicate
      const context = new EventContext(envelope, manager, this.outbox);
      for (const handler of handlers) await handler.handle(envelope, context);
    });
  }

  private async deadLetter(letter: Omit<DeadLetter, 'consumer' | 'failedAt'>, control: BatchControl): Promise<boolean> {
    const full: DeadLetter = { ...letter, consumer: this.groupId, failedAt: this.clock.now() };
    const topic = deadLetterTopic(this.options.service, this.options.topicPrefix);
    for (let attempt = 1; ; attempt++) {
      if (!control.stillOwned()) return false;
      try {
        await this.deadLetterProducer!.send({ topic, acks: -1, messages: [deadLetterMessage(full)] });
        this.logger.warn(
          `dead-lettered ${letter.topic}[${letter.partition}]@${letter.message.offset} to ${topic}: ${letter.reason}: ${redactSecretsInText(letter.detail)}`,
        );
        return true;
      } catch (error) {
        const delay = backoffDelay(attempt, this.options.backoff);
        this.logger.warn(`dead-lettering failed, retry in ${delay} ms: ${(error as Error).message}`);
        await this.pause(delay, control);
      }
    }
  }

  /** Waits, heartbeating so that a long outage does not cost the group its partitions. */
  private async pause(ms: number, control: BatchControl): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && control.stillOwned()) {
      await sleep(Math.min(1_000, until - Date.now()));
      await control.heartbeat().catch(() => undefined);
    }
  }
}
