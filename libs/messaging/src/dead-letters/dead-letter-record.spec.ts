import { DeadLetterHeader, EnvelopeHeader } from '@rental/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { deadLetterMessage } from '../consumer/dead-letter';
import { matchesFilter, originalHeaders, readDeadLetter, replayMessage, unreplayableBecause } from './dead-letter-record';

/** A message as the consumer read it, then as the dead-lettering wrote it and the CLI reads it back. */
function deadLettered(value: string, headers: Record<string, string> = {}): KafkaMessage {
  const original: KafkaMessage = {
    key: Buffer.from('order-1'),
    value: Buffer.from(value),
    headers: { [EnvelopeHeader.id]: 'e-1', [EnvelopeHeader.type]: 'invoice.paid', [EnvelopeHeader.source]: 'billing', ...headers },
    offset: '17',
    timestamp: '0',
    attributes: 0,
  };
  const written = deadLetterMessage({
    reason: 'handler-failed',
    detail: 'InvoicePaidHandler: boom',
    topic: 'rental.billing.events.v1',
    partition: 2,
    message: original,
    consumer: 'rental.order',
    failedAt: new Date('2030-01-02T03:04:05.000Z'),
  });
  return { ...original, key: written.key, value: written.value, headers: written.headers as IHeaders, offset: '5' };
}

describe('a dead letter read back', () => {
  const record = readDeadLetter('order', 'rental.order.dlq.v1', 0, deadLettered('{"invoiceId":"i-1"}'));

  it('says where it sits, why it failed and where it came from', () => {
    expect(record).toMatchObject({
      service: 'order',
      at: { topic: 'rental.order.dlq.v1', partition: 0, offset: '5' },
      reason: 'handler-failed',
      detail: 'InvoicePaidHandler: boom',
      original: { topic: 'rental.billing.events.v1', partition: 2, offset: '17' },
      consumer: 'rental.order',
      failedAt: '2030-01-02T03:04:05.000Z',
      eventId: 'e-1',
      eventType: 'invoice.paid',
      redacted: undefined,
    });
    expect(originalHeaders(record)).toEqual({ [EnvelopeHeader.id]: 'e-1', [EnvelopeHeader.type]: 'invoice.paid', [EnvelopeHeader.source]: 'billing' });
  });

  it('is replayed as the original: key, value and headers without the dead-letter ones, to its topic and partition', () => {
    const { topic, message } = replayMessage(record);
    expect(topic).toBe('rental.billing.events.v1');
    expect(message.partition).toBe(2);
    expect(message.key?.toString()).toBe('order-1');
    expect(message.value?.toString()).toBe('{"invoiceId":"i-1"}');
    expect(Object.keys(message.headers!).sort()).toEqual([EnvelopeHeader.id, EnvelopeHeader.source, EnvelopeHeader.type].sort());
    expect(Object.values(DeadLetterHeader).some((name) => name in message.headers!)).toBe(false);
    expect(unreplayableBecause(record)).toBeUndefined();
  });

  it('is not replayable once its value was redacted: the secret it carried is gone', () => {
    const redacted = readDeadLetter('gateway', 'rental.gateway.dlq.v1', 0, deadLettered('{"rootPassword":"hunter2"}'));
    expect(redacted.redacted).toBe('fields');
    expect(redacted.message.value?.toString()).not.toContain('hunter2');
    expect(unreplayableBecause(redacted)).toMatch(/redacted/);
  });

  it('matches a filter on its reason and its event type, both when both are given', () => {
    expect(matchesFilter(record, {})).toBe(true);
    expect(matchesFilter(record, { reason: 'handler-failed' })).toBe(true);
    expect(matchesFilter(record, { reason: 'schema-violation' })).toBe(false);
    expect(matchesFilter(record, { type: 'invoice.paid' })).toBe(true);
    expect(matchesFilter(record, { type: 'order.paid' })).toBe(false);
    expect(matchesFilter(record, { reason: 'handler-failed', type: 'order.paid' })).toBe(false);
  });
});
