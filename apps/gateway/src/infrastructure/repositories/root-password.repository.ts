import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import type { SealedSecret } from '@rental/secrets';
import type { RootPasswordSlot, RootPasswordStore } from '../../application/ports/root-password-store';

@Injectable()
export class RootPasswordRepository implements RootPasswordStore {
  async lock(tx: Transaction, customerId: string, orderId: string, machineId: string): Promise<RootPasswordSlot | null> {
    const [machine] = (await tx.query(
      `SELECT m.access_method, m.root_password_sealed, m.password_revealed_at, m.deprovisioned_at
         FROM gateway_machines m JOIN gateway_orders o ON o.order_id = m.order_id
        WHERE m.machine_id = $1 AND m.order_id = $2 AND o.customer_id = $3
        FOR UPDATE OF m`,
      [machineId, orderId, customerId],
    )) as {
      access_method: 'password' | 'ssh-key';
      root_password_sealed: SealedSecret | null;
      password_revealed_at: Date | null;
      deprovisioned_at: Date | null;
    }[];
    if (machine === undefined) return null;
    return {
      accessMethod: machine.access_method,
      sealed: machine.root_password_sealed,
      revealedAt: machine.password_revealed_at,
      deprovisionedAt: machine.deprovisioned_at,
    };
  }

  async markRevealed(tx: Transaction, machineId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE gateway_machines SET root_password_sealed = NULL, password_revealed_at = $2 WHERE machine_id = $1`, [machineId, at]);
  }
}
