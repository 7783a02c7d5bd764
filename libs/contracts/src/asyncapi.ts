import { z } from 'zod';
import { DEAD_LETTER_REASONS, DeadLetterHeader } from './dead-letter';
import { allowedSenders, type EventDefinition } from './define-event';
import { CLOUDEVENTS_SPEC_VERSION, EnvelopeHeader } from './envelope';
import { deadLetterTopic, topicOf } from './topics';

/** One service as a consumer: its handlers and the contracts each handles (from their @HandleEvent metadata). */
export interface ServiceConsumption {
  service: string;
  handlers: readonly { name: string; handles: readonly EventDefinition[] }[];
}

const upperFirst = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

/**
 * The AsyncAPI 3 document of every topic and event, generated from the same zod schemas the
 * services validate with, so the documentation cannot drift from the code; with the services'
 * handlers, also who receives what (one operation per consumer group and topic) and each consumer's
 * dead-letter topic. Written to docs/asyncapi.json by `npm run asyncapi`; a test fails when the
 * committed file is stale.
 */
export function buildAsyncApi(definitions: readonly EventDefinition[], consumers: readonly ServiceConsumption[] = []): Record<string, unknown> {
  const sorted = [...definitions].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  const messageId = (d: EventDefinition) => `${d.type.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())}V${d.version}`;
  const channelId = (d: Pick<EventDefinition, 'producer' | 'kind'>) => `${d.producer}${d.kind === 'command' ? 'Commands' : 'Events'}`;

  const latest = new Map(sorted.map((d) => [d.type, d]));
  /** The facts that answer a command, on their owner's channel; they must share one (AsyncAPI's reply has one channel). */
  const replyTo = (d: EventDefinition) => {
    const answers = (d.answeredBy ?? []).map((type) => latest.get(type)).filter((a): a is EventDefinition => a !== undefined);
    if (answers.length === 0) return {};
    const channel = channelId(answers[0]);
    if (answers.some((a) => channelId(a) !== channel)) throw new Error(`${d.type}: its answers travel on more than one topic`);
    return {
      reply: { channel: { $ref: `#/channels/${channel}` }, messages: answers.map((a) => ({ $ref: `#/channels/${channel}/messages/${messageId(a)}` })) },
    };
  };

  const messages: Record<string, unknown> = {};
  for (const d of sorted) {
    messages[messageId(d)] = {
      name: d.type,
      title: `${d.type} v${d.version}`,
      summary: d.description,
      contentType: 'application/json',
      traits: [{ $ref: '#/components/messageTraits/envelope' }],
      headers: {
        type: 'object',
        properties: {
          [EnvelopeHeader.type]: { const: d.type },
          [EnvelopeHeader.schemaVersion]: { const: String(d.version) },
        },
      },
      payload: z.toJSONSchema(d.schema, { target: 'draft-7', io: 'input' }),
      'x-senders': allowedSenders(d),
      ...(d.answeredBy === undefined ? {} : { 'x-answered-by': [...d.answeredBy] }),
      bindings: { kafka: { key: { type: 'string', description: `the ${d.key}` }, bindingVersion: '0.5.0' } },
      ...(d.example === undefined ? {} : { examples: [{ name: 'example', payload: d.example }] }),
    };
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const groups = new Map<string, EventDefinition[]>();
  for (const d of sorted) groups.set(channelId(d), [...(groups.get(channelId(d)) ?? []), d]);
  for (const [id, mine] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const { producer, kind } = mine[0];
    const commands = kind === 'command';
    channels[id] = {
      address: topicOf(mine[0]),
      description: commands
        ? `Commands that ${producer} handles, each from the senders its message names (x-senders); from anyone else it is ` +
          `dead-lettered as forged. Keyed by the target aggregate id.`
        : `Every event ${producer} publishes, keyed by aggregate id so one aggregate's events stay in order.`,
      messages: Object.fromEntries(mine.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }])),
    };
    if (!commands) {
      operations[`${producer}Publishes`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${producer} publishes these facts.`,
        messages: mine.map((d) => ({ $ref: `#/channels/${id}/messages/${messageId(d)}` })),
      };
      continue;
    }
    // One operation per command, so that each names its own reply: the facts that answer it.
    for (const d of mine) {
      operations[`${producer}Handles${upperFirst(messageId(d))}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `${producer} handles ${d.type}.`,
        messages: [{ $ref: `#/channels/${id}/messages/${messageId(d)}` }],
        ...replyTo(d),
      };
    }
  }

  // Facts are received by every service that handles them; a command by its owner (above).
  for (const { service, handlers } of [...consumers].sort((a, b) => a.service.localeCompare(b.service))) {
    const handled = new Map<string, EventDefinition>();
    for (const d of handlers.flatMap((h) => h.handles)) if (d.kind !== 'command') handled.set(messageId(d), d);
    const byChannel = new Map<string, EventDefinition[]>();
    for (const d of [...handled.values()].sort((a, b) => messageId(a).localeCompare(messageId(b)))) {
      byChannel.set(channelId(d), [...(byChannel.get(channelId(d)) ?? []), d]);
    }
    for (const [id, mine] of [...byChannel].sort(([a], [b]) => a.localeCompare(b))) {
      operations[`${service}Receives${upperFirst(id)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `${service} (consumer group rental.${service}) handles these facts of ${mine[0].producer}.`,
        'x-consumer-group': `rental.${service}`,
        messages: mine.map((d) => ({ $ref: `#/channels/${id}/messages/${messageId(d)}` })),
      };
    }
    const dlq = `${service}DeadLetters`;
    channels[dlq] = {
      address: deadLetterTopic(service),
      description: `Where ${service} sets aside what it cannot apply: the original key, headers and value (secrets redacted) with the dlq_ headers saying why.`,
      messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
    };
    operations[`${service}DeadLetters`] = {
      action: 'send',
      channel: { $ref: `#/channels/${dlq}` },
      summary: `${service} dead-letters a message it cannot apply, and keeps going.`,
      messages: [{ $ref: `#/channels/${dlq}/messages/deadLetter` }],
    };
  }
  if (consumers.length > 0) messages.deadLetter = deadLetterMessage();

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Server-rental platform events',
      version: '1.0.0',
      description:
        'Facts the platform publishes and consumes on Kafka. Metadata travels in CloudEvents-style headers ' +
        '(binary content mode); the message value is the JSON payload; the key is the aggregate id. ' +
        'Topic names may carry a deployment prefix (KAFKA_TOPIC_PREFIX).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'the development broker `npm start` runs: plaintext, no ACLs' },
      secured: {
        host: '127.0.0.1:9094',
        protocol: 'kafka-secure',
        description:
          'the broker `KAFKA_SECURITY=scram npm start` runs, as production is: TLS, SASL/SCRAM-SHA-512, one principal per service and ' +
          'company system, ACLs that let each write only its own topics (and the command topics it is a sender of) and read what it consumes',
        security: [{ $ref: '#/components/securitySchemes/scram' }],
      },
    },
    channels,
    operations,
    components: {
      securitySchemes: {
        scram: { type: 'scramSha512', description: 'the principal and password of your system (crm, inventory, finance), from the platform operator' },
      },
      messages,
      messageTraits: {
        envelope: {
          headers: {
            type: 'object',
            required: [
              EnvelopeHeader.specVersion,
              EnvelopeHeader.id,
              EnvelopeHeader.type,
              EnvelopeHeader.source,
              EnvelopeHeader.time,
              EnvelopeHeader.schemaVersion,
              EnvelopeHeader.correlationId,
            ],
            properties: {
              [EnvelopeHeader.specVersion]: { const: '1.0', description: 'any other value is dead-lettered as unsupported-spec-version' },
              [EnvelopeHeader.id]: { type: 'string', format: 'uuid', description: 'unique per event; consumers deduplicate on it' },
              [EnvelopeHeader.type]: { type: 'string', description: 'past-tense fact, <aggregate>.<fact>' },
              [EnvelopeHeader.source]: {
                type: 'string',
                description:
                  "the sending service or system: a fact's producer, or one of a command's x-senders; anything else is dead-lettered as forged-source",
              },
              [EnvelopeHeader.time]: { type: 'string', format: 'date-time', description: 'when it happened, UTC' },
              [EnvelopeHeader.subject]: { type: 'string', description: 'the aggregate id (also the message key)' },
              [EnvelopeHeader.schemaVersion]: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'payload schema version' },
              [EnvelopeHeader.correlationId]: { type: 'string', description: 'shared by every event one request set off' },
              [EnvelopeHeader.causationId]: { type: 'string', description: 'the id of the event that caused this one' },
              [EnvelopeHeader.contentType]: { const: 'application/json' },
            },
          },
          examples: [
            {
              name: 'envelope',
              headers: {
                [EnvelopeHeader.specVersion]: CLOUDEVENTS_SPEC_VERSION,
                [EnvelopeHeader.id]: '0b6f4c1e-8d2a-4e57-9a3c-5f1e2d3c4b5a',
                [EnvelopeHeader.type]: 'invoice.paid',
                [EnvelopeHeader.source]: 'billing',
                [EnvelopeHeader.time]: '2026-11-25T09:20:00.123Z',
                [EnvelopeHeader.subject]: '7d0c8f9e-2b1a-4c3d-8e5f-6a7b8c9d0e1f',
                [EnvelopeHeader.schemaVersion]: '1',
                [EnvelopeHeader.correlationId]: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
                [EnvelopeHeader.causationId]: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
                [EnvelopeHeader.contentType]: 'application/json',
              },
            },
          ],
        },
      },
    },
  };
}

function deadLetterMessage(): Record<string, unknown> {
  const text = (description: string) => ({ type: 'string', description });
  return {
    name: 'dead letter',
    title: 'a message set aside',
    summary: 'The original message, its headers kept, with why and where it failed. Replay it to its original topic once the cause is fixed.',
    headers: {
      type: 'object',
      required: [
        DeadLetterHeader.reason,
        DeadLetterHeader.detail,
        DeadLetterHeader.topic,
        DeadLetterHeader.partition,
        DeadLetterHeader.offset,
        DeadLetterHeader.consumer,
        DeadLetterHeader.failedAt,
      ],
      properties: {
        [DeadLetterHeader.reason]: { type: 'string', enum: [...DEAD_LETTER_REASONS] },
        [DeadLetterHeader.detail]: text('what failed: the validation error, the refused sender, or the handler and its error (at most 2,000 characters)'),
        [DeadLetterHeader.topic]: text('the topic it was read from'),
        [DeadLetterHeader.partition]: { type: 'string', pattern: '^[0-9]+$' },
        [DeadLetterHeader.offset]: { type: 'string', pattern: '^[0-9]+$' },
        [DeadLetterHeader.consumer]: text('the consumer group that set it aside'),
        [DeadLetterHeader.failedAt]: { type: 'string', format: 'date-time' },
        [DeadLetterHeader.redacted]: { type: 'string', enum: ['fields', 'value'], description: 'present when secrets were taken out of the value' },
      },
    },
    payload: { description: 'the original value, as it came (secret-named fields replaced by "[redacted]")' },
    examples: [
      {
        name: 'forged',
        headers: {
          [DeadLetterHeader.reason]: 'forged-source',
          [DeadLetterHeader.detail]:
            'billing\'s fact invoice.paid travels only on rental.billing.events.v1; this one came on rental.crm.events.v1 (ce_source "billing")',
          [DeadLetterHeader.topic]: 'rental.crm.events.v1',
          [DeadLetterHeader.partition]: '1',
          [DeadLetterHeader.offset]: '42',
          [DeadLetterHeader.consumer]: 'rental.order',
          [DeadLetterHeader.failedAt]: '2026-11-25T09:20:01.004Z',
        },
      },
    ],
  };
}
