import { deadLetterTopic } from '@rental/contracts';
import type { Kafka, Producer } from 'kafkajs';
import { AlreadyDecided, type DeadLetterDecision, type DeadLetterDecisions, decisionKey } from './dead-letter-decisions';
import { type DeadLetterFilter, type DeadLetterRecord, matchesFilter, readDeadLetter, replayMessage, unreplayableBecause } from './dead-letter-record';
import { readTopicsToEnd } from './topic-reader';

export interface DeadLetterView extends DeadLetterRecord {
  /** The latest decision taken about it, if any. */
  decision: DeadLetterDecision | undefined;
}

/** Which dead letters of one service a replay takes: one, those matching a filter, or every undecided one. */
export type ReplaySelection = { partition: number; offset: string } | { filter: DeadLetterFilter };

export interface ReplayOutcome {
  letter: DeadLetterView;
  outcome: 'replayed' | 'would replay' | 'refused';
  /** replayed: where the copy landed; refused: why. */
  detail: string;
}

export interface DeadLetterRepairOptions {
  kafka: Kafka;
  decisions: DeadLetterDecisions;
  topicPrefix: string;
  /** Who is deciding, recorded with every decision. */
  operator: string;
}

/** An operator's tools for dead letters: look at them, publish them again to their original topic, or set them aside with a note. */
export class DeadLetterRepair {
  constructor(private readonly options: DeadLetterRepairOptions) {}

  /** Every dead letter of these services with its latest decision; decided ones only when `includeDecided`. */
  async list(services: readonly string[], filter: DeadLetterFilter = {}, includeDecided = false): Promise<DeadLetterView[]> {
    const byTopic = new Map(services.map((s) => [deadLetterTopic(s, this.options.topicPrefix), s]));
    const topics = [...byTopic.keys()];
    const [messages, decisions] = await Promise.all([readTopicsToEnd(this.options.kafka, topics), this.options.decisions.latest(topics)]);
    return messages
      .map(({ topic, partition, message }) => readDeadLetter(byTopic.get(topic)!, topic, partition, message))
      .map((record) => ({ ...record, decision: decisions.get(decisionKey(record.at)) }))
      .filter((letter) => matchesFilter(letter, filter) && (includeDecided || letter.decision === undefined));
  }

  async show(service: string, partition: number, offset: string): Promise<DeadLetterView> {
    const found = (await this.list([service], {}, true)).find((l) => l.at.partition === partition && l.at.offset === offset);
    if (!found) throw new Error(`${deadLetterTopic(service, this.options.topicPrefix)} has no dead letter at ${partition}:${offset}`);
    return found;
  }

  /**
   * Publishes the selected dead letters' original messages again (see replayMessage), each once:
   * one that was already replayed or discarded is refused unless `force`; a filter or --all takes
   * only undecided ones. The decision is recorded in the transaction that holds the dead letter.
   */
  async replay(service: string, selection: ReplaySelection, options: { dryRun: boolean; force: boolean }): Promise<ReplayOutcome[]> {
    const letters =
      'filter' in selection ? await this.list([service], selection.filter, false) : [await this.show(service, selection.partition, selection.offset)];
    const outcomes: ReplayOutcome[] = [];
    let producer: Producer | undefined;
    try {
      for (const letter of letters) {
        const unreplayable = unreplayableBecause(letter);
        if (unreplayable) {
          outcomes.push({ letter, outcome: 'refused', detail: `cannot be replayed: ${unreplayable}` });
        } else if (letter.decision && !options.force) {
          outcomes.push({ letter, outcome: 'refused', detail: new AlreadyDecided(letter.decision).message });
        } else if (options.dryRun) {
          outcomes.push({ letter, outcome: 'would replay', detail: `to ${letter.original.topic}[${letter.original.partition}]` });
        } else {
          producer ??= await this.connectProducer();
          const publisher = producer;
          try {
            const decision = await this.options.decisions.decide(this.decisionFor(letter, 'replayed', null), options, async () => {
              const { topic, message } = replayMessage(letter);
              const [sent] = await publisher.send({ topic, acks: -1, messages: [message] });
              return `${topic}[${sent.partition}]@${sent.baseOffset ?? sent.offset}`;
            });
            outcomes.push({ letter: { ...letter, decision }, outcome: 'replayed', detail: `to ${decision.replayedTo}` });
          } catch (error) {
            if (!(error instanceof AlreadyDecided)) throw error;
            outcomes.push({ letter, outcome: 'refused', detail: error.message });
          }
        }
      }
    } finally {
      await producer?.disconnect();
    }
    return outcomes;
  }

  /** Records that a dead letter is not to be replayed, and why; refused (AlreadyDecided) when it was decided before, unless `force`. */
  async discard(service: string, partition: number, offset: string, note: string, options: { force: boolean }): Promise<DeadLetterDecision> {
    const letter = await this.show(service, partition, offset);
    if (letter.decision && !options.force) throw new AlreadyDecided(letter.decision);
    return this.options.decisions.decide(this.decisionFor(letter, 'discarded', note), options);
  }

  private decisionFor(letter: DeadLetterView, decision: DeadLetterDecision['decision'], note: string | null) {
    return { at: letter.at, decision, note, eventId: letter.eventId ?? null, eventType: letter.eventType ?? null, decidedBy: this.options.operator };
  }

  private async connectProducer(): Promise<Producer> {
    // Idempotent with one request in flight, like the outbox relay: a retried send is not doubled on the topic.
    const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  }
}
