import type { IHeaders, KafkaMessage } from 'kafkajs';
import { deadLetterMessage, DeadLetterHeader, type DeadLetter } from './dead-letter';

interface TestMessage {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
  headers: IHeaders;
}

function kafkaMessage(overrides: Partial<TestMessage> = {}): KafkaMessage {
  return {
    key: Buffer.from('order-42'),
    value: Buffer.from('{"orderId":"order-42"}'),
    timestamp: '1700000000000',
    attributes: 0,
    offset: '1234',
    headers: {
      ce_id: Buffer.from('3f2c1a9e-5b7d-4c8e-9a1b-2c3d4e5f6a7b'),
      ce_type: 'order.placed',
      multi: [Buffer.from('first'), Buffer.from('second')],
      absent: undefined,
    },
    ...overrides,
  };
}

function letter(overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    reason: 'schema-violation',
    detail: 'lines.0.quantity: Too small',
    topic: 'rental.order.events.v1',
    partition: 3,
    message: kafkaMessage(),
    consumer: 'billing',
    failedAt: new Date('2025-03-04T05:06:07.089Z'),
    ...overrides,
  };
}

describe('deadLetterMessage', () => {
  it('keeps the key and value exactly', () => {
    const dead = letter();
    const out = deadLetterMessage(dead);
    expect(out.key).toBe(dead.message.key);
    expect(out.value).toBe(dead.message.value);
  });

  it('keeps null key and value', () => {
    const out = deadLetterMessage(letter({ message: kafkaMessage({ key: null, value: null }) }));
    expect(out.key).toBeNull();
    expect(out.value).toBeNull();
  });

  it('keeps the original headers, repeated values included, and drops undefined ones', () => {
    const { headers } = deadLetterMessage(letter());
    expect(headers.ce_id).toEqual(Buffer.from('3f2c1a9e-5b7d-4c8e-9a1b-2c3d4e5f6a7b'));
    expect(headers.ce_type).toBe('order.placed');
    expect(headers.multi).toEqual([Buffer.from('first'), Buffer.from('second')]);
    expect(headers).not.toHaveProperty('absent');
  });

  it('adds every dead-letter header with its value', () => {
    const { headers } = deadLetterMessage(letter());
    expect(headers).toMatchObject({
      [DeadLetterHeader.reason]: 'schema-violation',
      [DeadLetterHeader.detail]: 'lines.0.quantity: Too small',
      [DeadLetterHeader.topic]: 'rental.order.events.v1',
      [DeadLetterHeader.partition]: '3',
      [DeadLetterHeader.offset]: '1234',
      [DeadLetterHeader.consumer]: 'billing',
      [DeadLetterHeader.failedAt]: '2025-03-04T05:06:07.089Z',
    });
    for (const name of Object.values(DeadLetterHeader)) {
      expect(typeof headers[name]).toBe('string');
    }
    expect(Object.keys(headers).sort()).toEqual(
      ['ce_id', 'ce_type', 'multi', ...Object.values(DeadLetterHeader)].sort(),
    );
  });

  it('uses the documented header names', () => {
    expect(DeadLetterHeader).toEqual({
      reason: 'dlq_reason',
      detail: 'dlq_detail',
      topic: 'dlq_original_topic',
      partition: 'dlq_original_partition',
      offset: 'dlq_original_offset',
      consumer: 'dlq_consumer',
      failedAt: 'dlq_failed_at',
    });
  });

  it('writes partition 0 as "0"', () => {
    expect(deadLetterMessage(letter({ partition: 0 })).headers[DeadLetterHeader.partition]).toBe('0');
  });

  it('truncates the detail to 2000 characters', () => {
    const detail = 'x'.repeat(1_999) + 'yz' + 'w'.repeat(5_000);
    const out = deadLetterMessage(letter({ reason: 'handler-failed', detail }));
    expect(out.headers[DeadLetterHeader.detail]).toBe('x'.repeat(1_999) + 'y');
    expect(out.headers[DeadLetterHeader.reason]).toBe('handler-failed');
  });

  it('never cuts a character in half when truncating', () => {
    const { headers } = deadLetterMessage(letter({ detail: 'x'.repeat(1_999) + '😀' + 'tail' }));
    expect(headers[DeadLetterHeader.detail]).toBe('x'.repeat(1_999) + '😀');
  });

  it('keeps a detail of exactly 2000 characters whole', () => {
    const detail = 'd'.repeat(2_000);
    expect(deadLetterMessage(letter({ detail })).headers[DeadLetterHeader.detail]).toBe(detail);
  });

  it('overrides stale dead-letter headers of a message that was dead-lettered before', () => {
    const message = kafkaMessage({ headers: { dlq_reason: 'unknown-type', dlq_consumer: 'order' } });
    const { headers } = deadLetterMessage(letter({ message }));
    expect(headers[DeadLetterHeader.reason]).toBe('schema-violation');
    expect(headers[DeadLetterHeader.consumer]).toBe('billing');
  });

  it('copes with a message without headers (the old message-set format)', () => {
    const message: KafkaMessage = {
      key: null,
      value: null,
      timestamp: '0',
      attributes: 0,
      offset: '7',
      size: 10,
    };
    const { headers } = deadLetterMessage(letter({ message }));
    expect(Object.keys(headers).sort()).toEqual(Object.values(DeadLetterHeader).sort());
  });

  it('does not modify the original message headers', () => {
    const dead = letter();
    const before = { ...dead.message.headers };
    deadLetterMessage(dead);
    expect(dead.message.headers).toEqual(before);
  });
});
