import { isJobStepName, isProvisioningStep, JOB_STEPS, type JobStepName, STEP_FLOW } from './job-step';
import type { MachineStatus } from './machine-status';

/** Follows the table from a first step to the status the job ends in. */
function walk(first: JobStepName): (JobStepName | MachineStatus)[] {
  const path: (JobStepName | MachineStatus)[] = [];
  let step: JobStepName = first;
  for (;;) {
    path.push(step, STEP_FLOW[step].during);
    const then = STEP_FLOW[step].then;
    if ('status' in then) return [...path, then.status];
    step = then.step;
  }
}

describe('the job table', () => {
  it('provisions: allocate, install the image, boot, running', () => {
    expect(walk('allocate')).toEqual(['allocate', 'allocating', 'install_image', 'installing', 'boot', 'booting', 'running']);
  });

  it('deprovisions: stop, wipe, destroy, deprovisioned', () => {
    expect(walk('stop')).toEqual(['stop', 'deprovisioning', 'wipe', 'deprovisioning', 'destroy', 'deprovisioning', 'deprovisioned']);
  });

  it('has a row for every step', () => {
    expect(Object.keys(STEP_FLOW).sort()).toEqual([...JOB_STEPS].sort());
  });

  it('tells provisioning steps from the others', () => {
    expect(JOB_STEPS.filter(isProvisioningStep)).toEqual(['allocate', 'install_image', 'boot']);
  });

  it.each([
    ['boot', true],
    ['reboot', false],
    ['toString', false],
    [42, false],
  ])('isJobStepName(%p) is %s', (value, expected) => {
    expect(isJobStepName(value)).toBe(expected);
  });
});
