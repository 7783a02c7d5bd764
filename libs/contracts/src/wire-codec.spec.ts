import { z } from 'zod';
import { defineEvent } from './define-event';
import { CLOUDEVENTS_SPEC_VERSION, EnvelopeHeader, type EventEnvelope } from './envelope';
import { EventRegistry } from './event-registry';
import { decodeMessage, type DecodeResult, encodeEnvelope, headerText, type WireMessage } from './wire-codec';

const placedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'v1',
  schema: z.object({
    orderId: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
    note: z.string().default(''),
  }),
});
const placedV3 = defineEvent({
  type: 'order.placed',
  version: 3,
  producer: 'order',
  key: 'order id',
  description: 'v3',
  schema: z.object({ orderId: z.string() }),
});
const registry = new EventRegistry([placedV1, placedV3]);

const envelope: EventEnvelope = {
  id: '3f2c1a9e-5b7d-4c8e-9a1b-2c3d4e5f6a7b',
  type: 'order.placed',
  version: 1,
  source: 'order',
  occurredAt: '2025-03-04T05:06:07.089Z',
  correlationId: '0d9e8f7a-6b5c-4d3e-8f1a-0b9c8d7e6f5a',
  causationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  key: 'order-42',
  payload: { orderId: 'order-42', lines: [{ sku: 'srv-small', quantity: 2 }], note: 'rush' },
};

function wire(overrides: Partial<EventEnvelope> = {}): WireMessage {
  const encoded = encodeEnvelope({ ...envelope, ...overrides });
  return { key: encoded.key, value: encoded.value, headers: { ...encoded.headers } };
}

function failure(result: DecodeResult): { reason: string; detail: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.envelope)}`);
  return { reason: result.reason, detail: result.detail };
}

function success(result: DecodeResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.detail}`);
  return result;
}

describe('encodeEnvelope', () => {
  it('puts the metadata in CloudEvents headers and the payload in the value', () => {
    const encoded = encodeEnvelope(envelope);
    expect(encoded.key).toBe('order-42');
    expect(JSON.parse(encoded.value)).toEqual(envelope.payload);
    expect(encoded.headers).toEqual({
      ce_specversion: CLOUDEVENTS_SPEC_VERSION,
      ce_id: envelope.id,
      ce_type: 'order.placed',
      ce_source: 'order',
      ce_time: envelope.occurredAt,
      ce_subject: 'order-42',
      ce_schemaversion: '1',
      ce_correlationid: envelope.correlationId,
      ce_causationid: envelope.causationId,
      'content-type': 'application/json',
    });
  });

  it('leaves out the causation header when there is no cause', () => {
    const encoded = encodeEnvelope({ ...envelope, causationId: null });
    expect(encoded.headers).not.toHaveProperty(EnvelopeHeader.causationId);
  });
});

describe('decodeMessage round trip', () => {
  it('gives back every envelope field, with a causation id', () => {
    const result = success(decodeMessage(wire(), registry));
    expect(result.envelope).toEqual(envelope);
    expect(result.definition).toBe(placedV1);
  });

  it('gives back every envelope field, without a causation id', () => {
    const result = success(decodeMessage(wire({ causationId: null }), registry));
    expect(result.envelope).toEqual({ ...envelope, causationId: null });
  });

  it('decodes another version with its own definition', () => {
    const result = success(decodeMessage(wire({ version: 3, payload: { orderId: 'order-42' } }), registry));
    expect(result.envelope.version).toBe(3);
    expect(result.definition).toBe(placedV3);
  });

  it('returns the payload as parsed by the schema (defaults applied)', () => {
    const message = wire();
    message.value = JSON.stringify({ orderId: 'order-42', lines: [] });
    const result = success(decodeMessage(message, registry));
    expect(result.envelope.payload).toEqual({ orderId: 'order-42', lines: [], note: '' });
  });
});

describe('decodeMessage header forms', () => {
  it('reads header values given as Buffers', () => {
    const message = wire();
    message.key = Buffer.from(envelope.key);
    message.value = Buffer.from(message.value as string);
    for (const [name, value] of Object.entries(message.headers)) {
      message.headers[name] = Buffer.from(value as string);
    }
    expect(success(decodeMessage(message, registry)).envelope).toEqual(envelope);
  });

  it('reads header values given as arrays, taking the first', () => {
    const message = wire();
    for (const [name, value] of Object.entries(message.headers)) {
      message.headers[name] = [Buffer.from(value as string), 'ignored'];
    }
    expect(success(decodeMessage(message, registry)).envelope).toEqual(envelope);
  });

  it('takes the key from ce_subject when the Kafka key is null', () => {
    const message = wire();
    message.key = null;
    message.headers[EnvelopeHeader.subject] = 'order-from-subject';
    expect(success(decodeMessage(message, registry)).envelope.key).toBe('order-from-subject');
  });

  it('takes the key from ce_subject when the Kafka key is empty', () => {
    const message = wire();
    message.key = Buffer.alloc(0);
    message.headers[EnvelopeHeader.subject] = 'order-from-subject';
    expect(success(decodeMessage(message, registry)).envelope.key).toBe('order-from-subject');
  });

  it('prefers the Kafka key over ce_subject', () => {
    const message = wire();
    message.headers[EnvelopeHeader.subject] = 'other';
    expect(success(decodeMessage(message, registry)).envelope.key).toBe('order-42');
  });

  it('headerText returns undefined for an absent header and text otherwise', () => {
    expect(headerText({}, 'x')).toBeUndefined();
    expect(headerText({ x: undefined }, 'x')).toBeUndefined();
    expect(headerText({ x: 'a' }, 'x')).toBe('a');
    expect(headerText({ x: Buffer.from('b') }, 'x')).toBe('b');
    expect(headerText({ x: ['c', 'd'] }, 'x')).toBe('c');
  });
});

describe('decodeMessage poison reasons', () => {
  function withHeader(name: string, value: string | undefined): WireMessage {
    const message = wire();
    if (value === undefined) delete message.headers[name];
    else message.headers[name] = value;
    return message;
  }

  it.each<[string, string, string | undefined, string]>([
    ['missing id', EnvelopeHeader.id, undefined, 'ce_id (a UUID)'],
    ['non-UUID id', EnvelopeHeader.id, 'not-a-uuid', 'ce_id (a UUID)'],
    ['UUID with trailing text', EnvelopeHeader.id, `${envelope.id}x`, 'ce_id (a UUID)'],
    ['missing type', EnvelopeHeader.type, undefined, 'ce_type'],
    ['empty type', EnvelopeHeader.type, '', 'ce_type'],
    ['missing version', EnvelopeHeader.schemaVersion, undefined, 'ce_schemaversion (a positive integer)'],
    ['version "0"', EnvelopeHeader.schemaVersion, '0', 'ce_schemaversion (a positive integer)'],
    ['version "x"', EnvelopeHeader.schemaVersion, 'x', 'ce_schemaversion (a positive integer)'],
    ['version "-1"', EnvelopeHeader.schemaVersion, '-1', 'ce_schemaversion (a positive integer)'],
    ['version "1.5"', EnvelopeHeader.schemaVersion, '1.5', 'ce_schemaversion (a positive integer)'],
    ['version "01"', EnvelopeHeader.schemaVersion, '01', 'ce_schemaversion (a positive integer)'],
    ['missing source', EnvelopeHeader.source, undefined, 'ce_source'],
    ['missing time', EnvelopeHeader.time, undefined, 'ce_time (an ISO-8601 time)'],
    ['bad time', EnvelopeHeader.time, 'yesterday-ish', 'ce_time (an ISO-8601 time)'],
    ['time that only Date.parse accepts', EnvelopeHeader.time, 'March 7', 'ce_time (an ISO-8601 time)'],
    ['bare number as time', EnvelopeHeader.time, '1', 'ce_time (an ISO-8601 time)'],
    ['missing spec version', EnvelopeHeader.specVersion, undefined, 'ce_specversion'],
    ['missing correlation id', EnvelopeHeader.correlationId, undefined, 'ce_correlationid'],
  ])('reports missing-metadata for %s', (_label, name, value, expected) => {
    const { reason, detail } = failure(decodeMessage(withHeader(name, value), registry));
    expect(reason).toBe('missing-metadata');
    expect(detail).toBe(`missing or invalid: ${expected}`);
  });

  it('reports missing-metadata when there is neither a Kafka key nor ce_subject', () => {
    const message = withHeader(EnvelopeHeader.subject, undefined);
    message.key = null;
    expect(failure(decodeMessage(message, registry))).toEqual({
      reason: 'missing-metadata',
      detail: 'missing or invalid: message key (the aggregate id)',
    });
  });

  it('lists every missing field at once', () => {
    const message: WireMessage = { key: null, value: '{}', headers: {} };
    const { reason, detail } = failure(decodeMessage(message, registry));
    expect(reason).toBe('missing-metadata');
    expect(detail).toBe(
      'missing or invalid: ce_specversion, ce_id (a UUID), ce_type, ce_schemaversion (a positive integer), ce_source, ' +
        'ce_time (an ISO-8601 time), ce_correlationid, message key (the aggregate id)',
    );
  });

  it.each(['999', '0.3', '1.0.1'])('reports unsupported-spec-version for ce_specversion "%s" instead of reading it as 1.0', (given) => {
    expect(failure(decodeMessage(withHeader(EnvelopeHeader.specVersion, given), registry))).toEqual({
      reason: 'unsupported-spec-version',
      detail: `ce_specversion "${given}" is not supported; supported: 1.0`,
    });
  });

  it('reports malformed-json for a value that is not JSON', () => {
    const message = wire();
    message.value = '{"orderId": ';
    const { reason, detail } = failure(decodeMessage(message, registry));
    expect(reason).toBe('malformed-json');
    expect(detail.length).toBeGreaterThan(0);
  });

  it('reports malformed-json for a null value', () => {
    const message = wire();
    message.value = null;
    expect(failure(decodeMessage(message, registry)).reason).toBe('malformed-json');
  });

  it('reports unknown-type for a type with no contract', () => {
    const message = withHeader(EnvelopeHeader.type, 'order.exploded');
    expect(failure(decodeMessage(message, registry))).toEqual({
      reason: 'unknown-type',
      detail: 'no contract for event type "order.exploded"',
    });
  });

  it('reports unsupported-version and lists the supported versions', () => {
    const message = withHeader(EnvelopeHeader.schemaVersion, '2');
    expect(failure(decodeMessage(message, registry))).toEqual({
      reason: 'unsupported-version',
      detail: 'order.placed v2 is not supported; supported: 1, 3',
    });
  });

  it('reports schema-violation naming the field path', () => {
    const message = wire();
    message.value = JSON.stringify({ orderId: 'order-42', lines: [{ sku: 'srv', quantity: 0 }] });
    const { reason, detail } = failure(decodeMessage(message, registry));
    expect(reason).toBe('schema-violation');
    expect(detail).toMatch(/^lines\.0\.quantity: /);
  });

  it('reports schema-violation at the root for a payload of the wrong shape', () => {
    const message = wire();
    message.value = '[]';
    const { reason, detail } = failure(decodeMessage(message, registry));
    expect(reason).toBe('schema-violation');
    expect(detail).toMatch(/^\(root\): /);
  });
});

describe('decodeMessage provenance', () => {
  const paidV1 = defineEvent({
    type: 'invoice.paid',
    version: 1,
    producer: 'billing',
    key: 'order id',
    description: 'paid',
    schema: z.object({ orderId: z.string() }),
  });
  const recordV1 = defineEvent({
    type: 'payment.record',
    version: 1,
    kind: 'command',
    producer: 'billing',
    senders: ['gateway'],
    key: 'payment id',
    description: 'record',
    schema: z.object({ paymentId: z.string() }),
  });
  const owned = new EventRegistry([placedV1, paidV1, recordV1]);
  const paid = (source: string) => wire({ type: 'invoice.paid', source, payload: { orderId: 'order-42' } });
  const record = (source: string) => wire({ type: 'payment.record', source, payload: { paymentId: 'p-1' } });

  it("accepts a fact from its producer on the producer's topic, and a command from a named sender on the owner's command topic", () => {
    expect(success(decodeMessage(paid('billing'), owned, { topic: 'run1.rental.billing.events.v1', topicPrefix: 'run1.' })).envelope.type).toBe('invoice.paid');
    expect(success(decodeMessage(record('gateway'), owned, { topic: 'rental.billing.commands.v1', topicPrefix: '' })).envelope.type).toBe('payment.record');
  });

  it.each<[string, WireMessage, string, string, string]>([
    [
      'a fact on another producer’s topic, even under its owner’s name',
      paid('billing'),
      '',
      'rental.crm.events.v1',
      'travels only on rental.billing.events.v1; this one came on rental.crm.events.v1',
    ],
    [
      'a fact on its owner’s topic under another name',
      paid('crm'),
      '',
      'rental.billing.events.v1',
      'is accepted only from billing; this one names ce_source "crm"',
    ],
    ['a fact on another deployment’s topic', paid('billing'), 'run1.', 'rental.billing.events.v1', 'travels only on run1.rental.billing.events.v1'],
    [
      'a command from a service its contract does not name',
      record('crm'),
      '',
      'rental.billing.commands.v1',
      'is accepted only from gateway; this one names ce_source "crm"',
    ],
    ['a command on an events topic', record('gateway'), '', 'rental.billing.events.v1', 'travels only on rental.billing.commands.v1'],
  ])('refuses %s as forged-source', (_label, message, topicPrefix, topic, detail) => {
    const refused = failure(decodeMessage(message, owned, { topic, topicPrefix }));
    expect(refused.reason).toBe('forged-source');
    expect(refused.detail).toContain(detail);
  });

  it('refuses a forged message before reading its payload, so a forger learns nothing from a validation answer', () => {
    const message = paid('crm');
    message.value = '{"not": "an invoice"';
    expect(failure(decodeMessage(message, owned, { topic: 'rental.billing.events.v1', topicPrefix: '' })).reason).toBe('forged-source');
  });
});
