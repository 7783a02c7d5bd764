import { describePlan } from './plan-description';

const standard4 = { planCode: 'standard-4', resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 } };

describe('describePlan', () => {
  it('spells out the resources of one machine', () => {
    expect(describePlan({ ...standard4, quantity: 1 }, 'en')).toBe('standard-4 (4 vCPU, 8 GB RAM, 160 GB disk)');
  });

  it('names the quantity when more than one machine was ordered, in Dutch too', () => {
    expect(describePlan({ ...standard4, quantity: 2 }, 'nl')).toBe('2 × standard-4 (4 vCPU, 8 GB RAM, 160 GB schijf)');
  });

  it('keeps megabytes that are not whole gigabytes', () => {
    const small = { planCode: 'tiny-1', resources: { vcpu: 1, memoryMb: 512, diskGb: 10 }, quantity: 1 };
    expect(describePlan(small, 'en')).toBe('tiny-1 (1 vCPU, 512 MB RAM, 10 GB disk)');
  });
});
