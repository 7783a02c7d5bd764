import { isMessageKind, MESSAGE_KINDS } from './message-kind';

describe('message kinds', () => {
  it.each([...MESSAGE_KINDS])('%s is a message kind', (kind) => {
    expect(isMessageKind(kind)).toBe(true);
  });

  it.each(['order-placed', 'Machine-Ready', '', 'toString', null, 7])('%p is not', (value) => {
    expect(isMessageKind(value)).toBe(false);
  });
});
