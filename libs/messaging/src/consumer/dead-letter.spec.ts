import type { IHeaders, KafkaMessage } from 'kafkajs';
import { type DeadLetter, DeadLetterHeader, deadLetterMessage, REDACTED } from './dead-letter';

/** The headers every dead letter has; dlq_redacted only when something was redacted. */
const ALWAYS = Object.values(DeadLetterHeader).filter((name) => name !== DeadLetterHeader.redacted);

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
    for (const name of ALWAYS) {
      expect(typeof headers[name]).toBe('string');
    }
    expect(Object.keys(headers).sort()).toEqual(['ce_id', 'ce_type', 'multi', ...ALWAYS].sort());
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
      redacted: 'dlq_redacted',
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
    expect(Object.keys(headers).sort()).toEqual([...ALWAYS].sort());
  });

  it('does not modify the original message headers', () => {
    const dead = letter();
    const before = { ...dead.message.headers };
    deadLetterMessage(dead);
    expect(dead.message.headers).toEqual(before);
  });
});

describe('deadLetterMessage: no secret in a dead letter', () => {
  const PASSWORD = 'Kq7-vT9x!mZ2-pW4r';
  const withValue = (value: string | null) => letter({ message: kafkaMessage({ value: value === null ? null : Buffer.from(value) }) });
  const valueOf = (out: ReturnType<typeof deadLetterMessage>) => (out.value === null ? null : JSON.parse(out.value.toString()));

  it('replaces every field that names a secret, however deep and however spelt, and says so', () => {
    const payload = {
      orderId: 'order-42',
      access: { method: 'password', rootPassword: PASSWORD },
      machines: [{ root_password: PASSWORD, hostname: 'a' }, { hostname: 'b' }],
      credentials: { user: 'root' },
      secret: 's',
      Token: 't',
      privateKey: '-----BEGIN PRIVATE KEY-----',
      'private-key': 'pk',
      apiKey: 'rk_live_x',
      API_KEY: 'rk_live_y',
      webhookSecret: 'w',
      note: 'the password is in another field',
    };
    const out = deadLetterMessage(withValue(JSON.stringify(payload)));
    expect(valueOf(out)).toEqual({
      orderId: 'order-42',
      access: { method: 'password', rootPassword: REDACTED },
      machines: [{ root_password: REDACTED, hostname: 'a' }, { hostname: 'b' }],
      credentials: REDACTED,
      secret: REDACTED,
      Token: REDACTED,
      privateKey: REDACTED,
      'private-key': REDACTED,
      apiKey: REDACTED,
      API_KEY: REDACTED,
      webhookSecret: REDACTED,
      note: 'the password is in another field',
    });
    expect(out.headers[DeadLetterHeader.redacted]).toBe('fields');
    expect(out.value!.toString()).not.toContain(PASSWORD);
  });

  it('redacts a sealed secret too: a dead letter is no place to keep one', () => {
    const sealed = { scheme: 'x25519-hkdf-sha256-aes-256-gcm', keyId: 'k', ciphertext: 'c' };
    const out = deadLetterMessage(withValue(JSON.stringify({ access: { method: 'password', rootPasswordSealed: sealed } })));
    expect(valueOf(out)).toEqual({ access: { method: 'password', rootPasswordSealed: REDACTED } });
  });

  it('keeps a JSON value without secrets byte for byte, without the header', () => {
    const value = '{ "orderId" : "order-42",\n "lines": [1, 2] }';
    const out = deadLetterMessage(withValue(value));
    expect(out.value!.toString()).toBe(value);
    expect(out.headers).not.toHaveProperty(DeadLetterHeader.redacted);
  });

  it('keeps JSON that is not an object (a string, a number, null) as it was', () => {
    for (const value of ['"a password"', '42', 'null', '[1,"token"]']) {
      const out = deadLetterMessage(withValue(value));
      expect(out.value!.toString()).toBe(value);
      expect(out.headers).not.toHaveProperty(DeadLetterHeader.redacted);
    }
  });

  it('drops a value that is not JSON when it mentions a secret (a truncated payload), and says so', () => {
    const out = deadLetterMessage(withValue(`{"orderId":"order-42","access":{"method":"password","rootPassword":"${PASSWORD}`));
    expect(out.value).toBeNull();
    expect(out.headers[DeadLetterHeader.redacted]).toBe('value');
    expect(out.key).toEqual(Buffer.from('order-42'));
  });

  it('keeps a value that is not JSON and mentions no secret', () => {
    const out = deadLetterMessage(withValue('not json at all {'));
    expect(out.value!.toString()).toBe('not json at all {');
    expect(out.headers).not.toHaveProperty(DeadLetterHeader.redacted);
  });

  it('takes secrets out of the detail too, but keeps the name of the field a contract violation is about', () => {
    const out = deadLetterMessage(
      letter({
        reason: 'handler-failed',
        detail: `MachineProjection: bad row {"rootPassword":"${PASSWORD}","hostname":"a"} apiKey=rk_live_abc, token: still-said; access.rootPassword: Too small`,
      }),
    );
    const detail = out.headers[DeadLetterHeader.detail] as string;
    expect(detail).toBe(
      `MachineProjection: bad row {"rootPassword":"${REDACTED}","hostname":"a"} apiKey="${REDACTED}", token: still-said; access.rootPassword: Too small`,
    );
    expect(detail).not.toContain(PASSWORD);
  });
});
