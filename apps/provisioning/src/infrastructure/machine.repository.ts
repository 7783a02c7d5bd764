import { Injectable } from '@nestjs/common';
import type { EventOrigin } from '@rental/messaging';
import type { EntityManager } from 'typeorm';
import { type MachineForJob, MachineStore } from '../application/ports/machine-store';
import type { JobStep } from '../domain/job-step';
import { type DeprovisionReason, Machine, type MachineState } from '../domain/machine';
import type { StoredCredentials } from '../domain/machine-credentials';
import { AllocationEntity } from './persistence/allocation.entity';
import { IpAddressEntity } from './persistence/ip-address.entity';
import { MachineEntity } from './persistence/machine.entity';
import { MachineJobStepEntity } from './persistence/machine-job-step.entity';

/** The channel the machines table's insert trigger notifies at commit, and a deprovisioning request too. */
export const JOBS_CHANNEL = 'provisioning_jobs';

/**
 * Machines, their job steps and the job runners' leases (MachineStore): a lease is the
 * lease_owner and leased_until columns of the machine's row, and a request to take a machine back
 * its deprovision_reason column, read under the row lock.
 */
@Injectable()
export class MachineRepository implements MachineStore {
  async insert(manager: EntityManager, machine: Machine, origin: EventOrigin, at: Date): Promise<void> {
    const state = machine.snapshot();
    await manager.insert(MachineEntity, {
      id: state.id,
      orderId: state.orderId,
      locationCode: state.locationCode,
      ...state.resources,
      imageCode: state.imageCode,
      hostname: machine.hostname,
      requestedAt: state.requestedAt,
      credentials: state.credentials.kind,
      sshPublicKey: state.credentials.kind === 'ssh_key' ? state.credentials.publicKey : null,
      ...progressOf(state),
      correlationId: origin.correlationId,
      causationId: origin.causationId ?? null,
      leaseOwner: null,
      leasedUntil: null,
      updatedAt: at,
    });
  }

  /** SKIP LOCKED lets instances claiming at the same moment pass each other's rows by. */
  async claim(manager: EntityManager, owner: string, limit: number, leaseMs: number, now: Date): Promise<string[]> {
    // The statuses are spelt out so that the planner matches the two partial indexes.
    const rows = (await manager.query(
      `UPDATE machines SET lease_owner = $1, leased_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (
          SELECT id FROM machines
           WHERE (leased_until IS NULL OR leased_until < now())
             AND ((status IN ('requested', 'allocating', 'installing', 'booting')
                   AND deprovision_reason IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $3))
               OR (deprovision_reason IS NOT NULL AND status <> 'deprovisioned'))
           ORDER BY requested_at
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [owner, leaseMs, now, limit],
    )) as [{ id: string }[], number];
    return rows[0].map((row) => row.id);
  }

  async requestDeprovisioning(manager: EntityManager, orderId: string, reason: DeprovisionReason): Promise<number> {
    const [, asked] = (await manager.query(`UPDATE machines SET deprovision_reason = $2 WHERE order_id = $1 AND deprovision_reason IS NULL`, [
      orderId,
      reason,
    ])) as [unknown, number];
    if (asked > 0) await manager.query(`SELECT pg_notify($1, '')`, [JOBS_CHANNEL]);
    return asked;
  }

  async lockLeased(manager: EntityManager, machineId: string, owner: string): Promise<{ deprovisionReason: DeprovisionReason | null } | undefined> {
    const rows = (await manager.query(`SELECT deprovision_reason FROM machines WHERE id = $1 AND lease_owner = $2 FOR UPDATE`, [machineId, owner])) as {
      deprovision_reason: DeprovisionReason | null;
    }[];
    return rows[0] === undefined ? undefined : { deprovisionReason: rows[0].deprovision_reason };
  }

  async load(manager: EntityManager, machineId: string): Promise<MachineForJob | null> {
    const row = await manager.findOne(MachineEntity, { where: { id: machineId } });
    if (row === null) return null;
    const steps = await manager.find(MachineJobStepEntity, { where: { machineId }, order: { seq: 'ASC' } });
    const allocation = await manager.findOne(AllocationEntity, { where: { machineId } });
    const address = await manager.findOne(IpAddressEntity, { where: { machineId } });
    const credentials: StoredCredentials =
      row.credentials === 'ssh_key' ? { kind: 'ssh_key', publicKey: row.sshPublicKey as string } : { kind: 'root_password', issuedAt: row.passwordIssuedAt };
    const machine = Machine.restore({
      id: row.id,
      orderId: row.orderId,
      locationCode: row.locationCode,
      resources: { vcpu: row.vcpu, memoryMb: row.memoryMb, diskGb: row.diskGb },
      imageCode: row.imageCode,
      requestedAt: row.requestedAt,
      hostId: row.hostId,
      ipAddress: row.ipAddress,
      credentials,
      status: row.status,
      steps: steps.map(stepOf),
      attempts: row.attempts,
      failedHostIds: row.failedHostIds,
      nextAttemptAt: row.nextAttemptAt,
      deprovisionReason: row.deprovisionReason,
      deliveredAt: row.deliveredAt,
    });
    return {
      machine,
      target: allocation === null || address === null ? null : { hostId: allocation.hostId, ipAddress: address.address },
      origin: { correlationId: row.correlationId, causationId: row.causationId },
    };
  }

  async saveLeased(manager: EntityManager, machine: Machine, owner: string, leaseMs: number, at: Date): Promise<boolean> {
    const state = machine.snapshot();
    const progress = progressOf(state);
    const result = (await manager.query(
      `UPDATE machines
          SET host_id = $3, ip_address = $4, password_issued_at = $5, status = $6, attempts = $7, updated_at = $8,
              leased_until = now() + make_interval(secs => $9::double precision / 1000),
              failed_host_ids = $10::uuid[], next_attempt_at = $11, delivered_at = $12
        WHERE id = $1 AND lease_owner = $2
        RETURNING id`,
      [
        state.id,
        owner,
        progress.hostId,
        progress.ipAddress,
        progress.passwordIssuedAt,
        progress.status,
        progress.attempts,
        at,
        leaseMs,
        progress.failedHostIds,
        progress.nextAttemptAt,
        progress.deliveredAt,
      ],
    )) as [{ id: string }[], number];
    if (result[0].length === 0) return false;
    const steps = state.steps.map((step, seq) => ({
      machineId: state.id,
      seq,
      step: step.step,
      startedAt: step.startedAt,
      finishedAt: step.finishedAt ?? null,
      outcome: step.outcome ?? null,
      error: step.error ?? null,
    }));
    if (steps.length > 0) await manager.upsert(MachineJobStepEntity, steps, ['machineId', 'seq']);
    return true;
  }

  async releaseLease(manager: EntityManager, machineId: string, owner: string): Promise<void> {
    await manager.update(MachineEntity, { id: machineId, leaseOwner: owner }, { leaseOwner: null, leasedUntil: null });
  }
}

/** What a job changes on a machine; the rest is fixed when it is requested. */
function progressOf(state: MachineState) {
  return {
    hostId: state.hostId,
    ipAddress: state.ipAddress,
    passwordIssuedAt: state.credentials.kind === 'root_password' ? state.credentials.issuedAt : null,
    status: state.status,
    attempts: state.attempts,
    failedHostIds: [...state.failedHostIds],
    nextAttemptAt: state.nextAttemptAt,
    deliveredAt: state.deliveredAt,
  };
}

function stepOf(row: MachineJobStepEntity): JobStep {
  return {
    step: row.step,
    startedAt: row.startedAt,
    ...(row.finishedAt === null ? {} : { finishedAt: row.finishedAt }),
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}
