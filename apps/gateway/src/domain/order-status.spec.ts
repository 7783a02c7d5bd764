import { isTerminalOrderStatus } from './order-status';

describe('isTerminalOrderStatus', () => {
  it('ends the feed when the rental is over', () => {
    for (const status of ['completed', 'cancelled', 'rejected', 'failed']) expect(isTerminalOrderStatus(status)).toBe(true);
  });

  it('keeps it open while something may still happen', () => {
    for (const status of ['placed', 'awaiting_payment', 'paid', 'provisioning', 'running', 'deprovisioning']) {
      expect(isTerminalOrderStatus(status)).toBe(false);
    }
  });
});
