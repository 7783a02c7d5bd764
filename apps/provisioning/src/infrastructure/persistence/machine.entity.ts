import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeprovisionReason } from '../../domain/machine';
import type { MachineStatus } from '../../domain/machine-status';

/**
 * A machine and the lease of the job runner working on it. There is deliberately no password
 * column: only when a generated one was handed out (passwordIssuedAt).
 */
@Entity('machines')
export class MachineEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'location_code', type: 'text' })
  locationCode!: string;

  @Column({ type: 'int' })
  vcpu!: number;

  @Column({ name: 'memory_mb', type: 'int' })
  memoryMb!: number;

  @Column({ name: 'disk_gb', type: 'int' })
  diskGb!: number;

  @Column({ name: 'image_code', type: 'text' })
  imageCode!: string;

  /** Derived from the id, image and location; kept so that operators can search by it. */
  @Column({ type: 'text' })
  hostname!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** Where the current or last attempt ran; null before the first. */
  @Column({ name: 'host_id', type: 'uuid', nullable: true })
  hostId!: string | null;

  @Column({ name: 'ip_address', type: 'inet', nullable: true })
  ipAddress!: string | null;

  @Column({ type: 'text' })
  credentials!: 'ssh_key' | 'root_password';

  @Column({ name: 'ssh_public_key', type: 'text', nullable: true })
  sshPublicKey!: string | null;

  @Column({ name: 'password_issued_at', type: 'timestamptz', nullable: true })
  passwordIssuedAt!: Date | null;

  @Column({ type: 'text' })
  status!: MachineStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'failed_host_ids', type: 'uuid', array: true })
  failedHostIds!: string[];

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Written by the order's cancellation or end, never by a job: the job reads it at every step. */
  @Column({ name: 'deprovision_reason', type: 'text', nullable: true })
  deprovisionReason!: DeprovisionReason | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Of the order.paid event that asked for the machine, so the job's events continue its trace. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'uuid', nullable: true })
  causationId!: string | null;

  /** The job runner instance working on the machine, and until when its claim holds. */
  @Column({ name: 'lease_owner', type: 'uuid', nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
