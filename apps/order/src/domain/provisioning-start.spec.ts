import { plannedProvisioningStart, provisioningStartsAt } from './provisioning-start';

describe('provisioningStartsAt', () => {
  const start = new Date('2027-01-01T09:00:00Z');

  it('is the lead time before the start when the payment comes earlier', () => {
    expect(provisioningStartsAt(start, 30, new Date('2026-12-01T12:00:00Z'))).toEqual(new Date('2027-01-01T08:30:00Z'));
  });

  it('is the payment itself when it comes within the lead time or after the start', () => {
    const withinLead = new Date('2027-01-01T08:45:00Z');
    expect(provisioningStartsAt(start, 30, withinLead)).toEqual(withinLead);
    const afterStart = new Date('2027-01-01T09:20:00Z');
    expect(provisioningStartsAt(start, 30, afterStart)).toEqual(afterStart);
  });

  it('plans the start the lead time before the period, whatever the payment', () => {
    expect(plannedProvisioningStart(start, 45)).toEqual(new Date('2027-01-01T08:15:00Z'));
  });
});
