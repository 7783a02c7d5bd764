import { z } from 'zod';
import { allowedSenders, type EventDefinition } from './define-event';
import { EnvelopeHeader } from './envelope';
import { topicOf } from './topics';

/**
 * The AsyncAPI 3 document of every topic and event, generated from the same zod schemas the
 * services validate with, so the documentation cannot drift from the code. Written to
 * docs/asyncapi.json by `npm run asyncapi`; a test fails when the committed file is stale.
 */
export function buildAsyncApi(definitions: readonly EventDefinition[]): Record<string, unknown> {
  const sorted = [...definitions].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  const messageId = (d: EventDefinition) => `${d.type.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())}V${d.version}`;
  const channelId = (d: Pick<EventDefinition, 'producer' | 'kind'>) => `${d.producer}${d.kind === 'command' ? 'Commands' : 'Events'}`;

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
    operations[commands ? `${producer}Handles` : `${producer}Publishes`] = {
      action: commands ? 'receive' : 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: commands ? `${producer} handles these commands.` : `${producer} publishes these facts.`,
      messages: mine.map((d) => ({ $ref: `#/channels/${id}/messages/${messageId(d)}` })),
    };
  }

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
      securitySchemes: { scram: { type: 'scramSha512', description: 'the principal and password of your system (crm, inventory, finance), from the platform operator' } },
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
        },
      },
    },
  };
}
