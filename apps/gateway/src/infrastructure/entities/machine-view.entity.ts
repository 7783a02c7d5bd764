import type { machineDeprovisionedV1, PayloadOf } from '@rental/contracts';
import type { SealedSecret } from '@rental/secrets';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MachineRecord } from '../../application/ports/order-read-model';

/**
 * A machine of an order that ran, and whether it has been deprovisioned since. The root password
 * (password access only) is kept sealed, never in clear, until the customer reveals it once or the
 * machine is wiped, then erased: the gateway is not a password vault.
 */
@Entity({ name: 'gateway_machines' })
export class MachineViewEntity implements MachineRecord {
  @PrimaryColumn({ name: 'machine_id', type: 'uuid' })
  machineId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ type: 'text' })
  hostname!: string;

  @Column({ name: 'ip_address', type: 'inet' })
  ipAddress!: string;

  @Column({ name: 'access_method', type: 'text' })
  accessMethod!: 'password' | 'ssh-key';

  /** Read only by the reveal, which deletes it in the same transaction. */
  @Column({ name: 'root_password_sealed', type: 'jsonb', nullable: true, select: false })
  rootPasswordSealed!: SealedSecret | null;

  /** The sealed password is still here to reveal (a column PostgreSQL derives from the one above). */
  @Column({ name: 'root_password_revealable', type: 'boolean', insert: false, update: false })
  rootPasswordRevealable!: boolean;

  @Column({ name: 'password_revealed_at', type: 'timestamptz', nullable: true })
  passwordRevealedAt!: Date | null;

  @Column({ name: 'running_since', type: 'timestamptz' })
  runningSince!: Date;

  @Column({ name: 'deprovisioned_at', type: 'timestamptz', nullable: true })
  deprovisionedAt!: Date | null;

  @Column({ name: 'deprovision_reason', type: 'text', nullable: true })
  deprovisionReason!: PayloadOf<typeof machineDeprovisionedV1>['reason'] | null;
}
