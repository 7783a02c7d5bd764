import { isValidWebhookSignature, signWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const body = Buffer.from('{"id":"evt_1","type":"payment.paid"}');

  it('accepts what the same secret signed', () => {
    const signature = signWebhook('s3cret-s3cret', '1795000000', body);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(isValidWebhookSignature('s3cret-s3cret', '1795000000', body, signature)).toBe(true);
    expect(isValidWebhookSignature('s3cret-s3cret', '1795000000', body, signature.toUpperCase())).toBe(true);
  });

  it('refuses another secret, timestamp or body', () => {
    const signature = signWebhook('s3cret-s3cret', '1795000000', body);
    expect(isValidWebhookSignature('other-secret', '1795000000', body, signature)).toBe(false);
    expect(isValidWebhookSignature('s3cret-s3cret', '1795000001', body, signature)).toBe(false);
    expect(isValidWebhookSignature('s3cret-s3cret', '1795000000', Buffer.from(`${body} `), signature)).toBe(false);
  });

  it('refuses anything that is not a hex SHA-256', () => {
    for (const signature of ['', 'abc', 'z'.repeat(64), 'a'.repeat(63), 'a'.repeat(65)]) {
      expect(isValidWebhookSignature('s3cret-s3cret', '1', body, signature)).toBe(false);
    }
  });
});
