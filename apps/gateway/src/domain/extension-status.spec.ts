import { extensionStatus } from './extension-status';

describe('extensionStatus', () => {
  const accepted = { rejected: false, applied: false, lapsed: false };

  it('waits for the invoice, then for its payment, then for the end to move', () => {
    expect(extensionStatus(accepted)).toBe('awaiting_invoice');
    expect(extensionStatus({ ...accepted, invoiceStatus: 'open' })).toBe('awaiting_payment');
    expect(extensionStatus({ ...accepted, invoiceStatus: 'paid' })).toBe('paid');
    expect(extensionStatus({ ...accepted, invoiceStatus: 'paid', applied: true })).toBe('applied');
  });

  it('lapses when the rental ends without it, even if it was paid too late', () => {
    expect(extensionStatus({ ...accepted, invoiceStatus: 'open', lapsed: true })).toBe('lapsed');
    expect(extensionStatus({ ...accepted, invoiceStatus: 'paid', lapsed: true })).toBe('lapsed');
    expect(extensionStatus({ ...accepted, lapsed: true })).toBe('lapsed');
  });

  it('lapses when its invoice is credited, whichever event arrives first', () => {
    expect(extensionStatus({ ...accepted, invoiceStatus: 'cancelled' })).toBe('lapsed');
  });

  it('stays applied once the end moved, whatever happens to the rental later', () => {
    expect(extensionStatus({ ...accepted, applied: true, lapsed: true, invoiceStatus: 'cancelled' })).toBe('applied');
  });

  it('reports a refusal as rejected', () => {
    expect(extensionStatus({ ...accepted, rejected: true })).toBe('rejected');
  });
});
