import { isMachineStatus, MACHINE_STATUSES } from './machine-status';

describe('machine statuses', () => {
  it('lists the life of a machine in order', () => {
    expect(MACHINE_STATUSES).toEqual(['requested', 'allocating', 'installing', 'booting', 'running', 'failed', 'deprovisioning', 'deprovisioned']);
  });

  it.each([
    ['running', true],
    ['deprovisioned', true],
    ['completed', false],
    ['constructor', false],
    [undefined, false],
  ])('isMachineStatus(%p) is %s', (value, expected) => {
    expect(isMachineStatus(value)).toBe(expected);
  });
});
