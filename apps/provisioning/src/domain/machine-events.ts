import type { JobStepName } from './job-step';
import type { DeprovisionReason } from './machine';
import type { DeliveredCredentials } from './machine-credentials';
import type { MachineStatus } from './machine-status';

// What a machine's commands return: the domain events they cause (facts inside the provisioning service;
// the Kafka contracts published from them are separate) and, for a refused command, why.
export interface MachineProvisioningStarted {
  readonly type: 'machine.provisioning-started';
  readonly machineId: string;
  readonly orderId: string;
  readonly attempt: number;
  readonly hostId: string;
  readonly ipAddress: string;
  readonly hostname: string;
  readonly at: Date;
}

export interface MachineStepCompleted {
  readonly type: 'machine.step-completed';
  readonly machineId: string;
  readonly orderId: string;
  readonly step: JobStepName;
  readonly at: Date;
}

export interface MachineStepFailed {
  readonly type: 'machine.step-failed';
  readonly machineId: string;
  readonly orderId: string;
  readonly step: JobStepName;
  readonly error: string;
  /** Whether the machine accepts another try (a new attempt, or the same deprovisioning step). */
  readonly willRetry: boolean;
  readonly at: Date;
}

export interface MachineRunning {
  readonly type: 'machine.running';
  readonly machineId: string;
  readonly orderId: string;
  readonly hostId: string;
  readonly ipAddress: string;
  readonly hostname: string;
  /** The root password, if any, is here once and nowhere else. */
  readonly credentials: DeliveredCredentials;
  readonly at: Date;
}

/** A provisioning attempt failed and another one will follow once nextAttemptAt has come. */
export interface MachineRetryScheduled {
  readonly type: 'machine.retry-scheduled';
  readonly machineId: string;
  readonly orderId: string;
  readonly failedAttempt: number;
  readonly step: JobStepName;
  readonly error: string;
  readonly failedHostId: string;
  readonly nextAttemptAt: Date;
  readonly at: Date;
}

export interface MachineProvisioningFailed {
  readonly type: 'machine.provisioning-failed';
  readonly machineId: string;
  readonly orderId: string;
  readonly step: JobStepName;
  readonly error: string;
  readonly attempts: number;
  readonly at: Date;
}

export interface MachineDeprovisioningStarted {
  readonly type: 'machine.deprovisioning-started';
  readonly machineId: string;
  readonly orderId: string;
  readonly hostId: string;
  readonly at: Date;
}

export interface MachineDeprovisioned {
  readonly type: 'machine.deprovisioned';
  readonly machineId: string;
  readonly orderId: string;
  readonly hostname: string;
  readonly reason: DeprovisionReason;
  /** Whether machine.running ever told the customer about it. */
  readonly wasDelivered: boolean;
  readonly at: Date;
}

export type MachineEvent =
  | MachineProvisioningStarted
  | MachineStepCompleted
  | MachineStepFailed
  | MachineRunning
  | MachineRetryScheduled
  | MachineProvisioningFailed
  | MachineDeprovisioningStarted
  | MachineDeprovisioned;

export interface PasswordUnavailable {
  readonly reason: 'password_unavailable';
  readonly machineId: string;
}

export type MachineRejection =
  | { readonly reason: 'illegal_status'; readonly action: 'start_attempt'; readonly status: MachineStatus }
  | { readonly reason: 'deprovisioning_requested'; readonly deprovisionReason: DeprovisionReason }
  | { readonly reason: 'retry_not_due'; readonly nextAttemptAt: Date }
  | { readonly reason: 'step_not_in_progress'; readonly step: JobStepName; readonly current: JobStepName | null }
  | PasswordUnavailable;
