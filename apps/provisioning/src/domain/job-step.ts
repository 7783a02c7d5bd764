import type { MachineStatus } from './machine-status';

/** The datacentre work done for a machine, in order: three steps to run it, three to take it back. */
export const PROVISIONING_STEPS = ['allocate', 'install_image', 'boot'] as const;
export const DEPROVISIONING_STEPS = ['stop', 'wipe', 'destroy'] as const;
export const JOB_STEPS = [...PROVISIONING_STEPS, ...DEPROVISIONING_STEPS] as const;

export type JobStepName = (typeof JOB_STEPS)[number];

/** One run of one step; a step that failed and is tried again appears twice. */
export interface JobStep {
  readonly step: JobStepName;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
  readonly outcome?: 'succeeded' | 'failed';
  readonly error?: string;
}

/**
 * The job as data, one row per step: the machine's status while it runs and what follows its
 * success (the next step, or the status the job ends in). Failures are the machine's business.
 */
export const STEP_FLOW: {
  readonly [S in JobStepName]: {
    readonly during: MachineStatus;
    readonly then: { readonly step: JobStepName } | { readonly status: MachineStatus };
  };
} = {
  allocate: { during: 'allocating', then: { step: 'install_image' } },
  install_image: { during: 'installing', then: { step: 'boot' } },
  boot: { during: 'booting', then: { status: 'running' } },
  stop: { during: 'deprovisioning', then: { step: 'wipe' } },
  wipe: { during: 'deprovisioning', then: { step: 'destroy' } },
  destroy: { during: 'deprovisioning', then: { status: 'deprovisioned' } },
};

export function isJobStepName(value: unknown): value is JobStepName {
  return typeof value === 'string' && (JOB_STEPS as readonly string[]).includes(value);
}

export function isProvisioningStep(step: JobStepName): boolean {
  return (PROVISIONING_STEPS as readonly string[]).includes(step);
}
