import { judgeIdempotentRequest } from './idempotent-request';

describe('judgeIdempotentRequest', () => {
  const stored = { requestHash: 'aa', orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11' };

  it('treats an unknown key as a first request', () => {
    expect(judgeIdempotentRequest(undefined, 'aa')).toEqual({ kind: 'first' });
  });

  it('replays the first order for the same body', () => {
    expect(judgeIdempotentRequest(stored, 'aa')).toEqual({ kind: 'replay', orderId: stored.orderId });
  });

  it('refuses the key with another body', () => {
    expect(judgeIdempotentRequest(stored, 'bb')).toEqual({ kind: 'key_reused', orderId: stored.orderId });
  });
});
