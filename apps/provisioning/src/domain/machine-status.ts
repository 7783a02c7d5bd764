/** Where a machine stands. The list reads as its life: provisioning, running, then wiped and gone. */
export const MACHINE_STATUSES = [
  'requested', // waiting for an attempt: the first one, or the next one after a failure that can be retried
  'allocating',
  'installing',
  'booting',
  'running',
  'failed', // provisioning gave up and its capacity was released; wiped once the order is cancelled
  'deprovisioning',
  'deprovisioned',
] as const;

export type MachineStatus = (typeof MACHINE_STATUSES)[number];

export function isMachineStatus(value: unknown): value is MachineStatus {
  return typeof value === 'string' && (MACHINE_STATUSES as readonly string[]).includes(value);
}
