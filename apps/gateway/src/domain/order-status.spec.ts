import { isTerminalOrderStatus, reflectsCancellation } from './order-status';

describe('isTerminalOrderStatus', () => {
  it('ends the feed when the rental is over', () => {
    for (const status of ['completed', 'cancelled', 'rejected', 'failed']) expect(isTerminalOrderStatus(status)).toBe(true);
  });

  it('keeps it open while something may still happen', () => {
    for (const status of ['placed', 'awaiting_payment', 'paid', 'scheduled', 'provisioning', 'running', 'deprovisioning']) {
      expect(isTerminalOrderStatus(status)).toBe(false);
    }
  });
});

describe('reflectsCancellation', () => {
  it('is true for the statuses a cancellation leads to', () => {
    for (const status of ['cancelled', 'deprovisioning', 'completed']) expect(reflectsCancellation(status)).toBe(true);
  });

  it('is false for the statuses a rental is cancelled from', () => {
    for (const status of ['placed', 'awaiting_payment', 'paid', 'scheduled', 'provisioning', 'running']) expect(reflectsCancellation(status)).toBe(false);
  });
});
