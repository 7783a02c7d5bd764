import { isOrderStatus, isTerminalStatus, ORDER_STATUSES, TERMINAL_STATUSES, UNPAID_STATUSES } from './order-status';

describe('order status', () => {
  it('has the eleven statuses of the rental', () => {
    expect([...ORDER_STATUSES].sort()).toEqual(
      ['awaiting_payment', 'cancelled', 'completed', 'deprovisioning', 'failed', 'paid', 'placed', 'provisioning', 'rejected', 'running', 'scheduled'].sort(),
    );
  });

  it('treats exactly completed, cancelled, rejected and failed as terminal', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'completed', 'failed', 'rejected']);
    const terminal = ORDER_STATUSES.filter(isTerminalStatus);
    expect(terminal.sort()).toEqual(['cancelled', 'completed', 'failed', 'rejected']);
  });

  it.each(ORDER_STATUSES)('recognises %s', (status) => {
    expect(isOrderStatus(status)).toBe(true);
  });

  it.each(['PLACED', 'shipped', '', 'toString', 3, null, undefined])('does not recognise %p', (value) => {
    expect(isOrderStatus(value)).toBe(false);
  });
});

describe('unpaid statuses', () => {
  it('are the statuses before payment that no trigger has ended', () => {
    const beforePayment = ORDER_STATUSES.slice(0, ORDER_STATUSES.indexOf('paid'));
    expect([...UNPAID_STATUSES]).toEqual(beforePayment.filter((s) => !isTerminalStatus(s)));
    expect([...UNPAID_STATUSES]).toEqual(['placed', 'awaiting_payment']);
  });
});
