import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { rootPasswordContext } from '@rental/contracts';
import { openSealedSecret, type SealedSecret } from '@rental/secrets';
import { DataSource } from 'typeorm';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';

export type RevealOutcome =
  | { kind: 'revealed'; rootPassword: string }
  /** No such machine in an order of this customer's. */
  | { kind: 'machine_not_found' }
  /** The machine logs in with the customer's SSH key. */
  | { kind: 'no_root_password' }
  | { kind: 'password_already_revealed'; revealedAt: Date }
  /** Wiped before it was revealed: the password opens nothing any more. */
  | { kind: 'machine_deprovisioned' };

/**
 * The one place a generated root password is ever shown: opened from its sealed form and deleted in
 * the same transaction, under the row's lock, so two concurrent requests reveal it to one of them
 * only, and a committed reveal can never be repeated.
 */
@Injectable()
export class RevealRootPasswordHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  reveal(customerId: string, orderId: string, machineId: string): Promise<RevealOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [machine] = (await manager.query(
        `SELECT m.access_method, m.root_password_sealed, m.password_revealed_at, m.deprovisioned_at
           FROM gateway_machines m JOIN gateway_orders o ON o.order_id = m.order_id
          WHERE m.machine_id = $1 AND m.order_id = $2 AND o.customer_id = $3
          FOR UPDATE OF m`,
        [machineId, orderId, customerId],
      )) as { access_method: string; root_password_sealed: SealedSecret | null; password_revealed_at: Date | null; deprovisioned_at: Date | null }[];
      if (machine === undefined) return { kind: 'machine_not_found' };
      if (machine.access_method !== 'password') return { kind: 'no_root_password' };
      if (machine.root_password_sealed === null) {
        return machine.password_revealed_at !== null
          ? { kind: 'password_already_revealed', revealedAt: machine.password_revealed_at }
          : { kind: 'machine_deprovisioned' };
      }
      // Opened before the delete: a password that does not open (a key mix-up) is kept for when it is fixed.
      const rootPassword = openSealedSecret(machine.root_password_sealed, this.settings.secretsPrivateKey, rootPasswordContext(orderId, machineId));
      await manager.query(`UPDATE gateway_machines SET root_password_sealed = NULL, password_revealed_at = $2 WHERE machine_id = $1`, [
        machineId,
        this.clock.now(),
      ]);
      return { kind: 'revealed', rootPassword };
    });
  }
}
