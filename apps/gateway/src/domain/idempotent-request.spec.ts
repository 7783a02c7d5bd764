import { judgeIdempotentRequest } from './idempotent-request';

describe('judgeIdempotentRequest', () => {
  const stored = { requestHash: 'aa', orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11', requestId: null };

  it('treats an unknown key as a first request', () => {
    expect(judgeIdempotentRequest(undefined, 'aa')).toEqual({ kind: 'first' });
  });

  it('replays what the first request stored for the same request', () => {
    expect(judgeIdempotentRequest(stored, 'aa')).toEqual({ kind: 'replay', stored });
  });

  it('refuses the key with another request', () => {
    expect(judgeIdempotentRequest(stored, 'bb')).toEqual({ kind: 'key_reused' });
  });
});
