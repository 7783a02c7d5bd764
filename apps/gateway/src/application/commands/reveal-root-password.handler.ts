import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { rootPasswordContext } from '@rental/contracts';
import { UnitOfWork } from '@rental/persistence';
import { openSealedSecret } from '@rental/secrets';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { RootPasswordStore } from '../ports/root-password-store';

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
    private readonly unitOfWork: UnitOfWork,
    private readonly passwords: RootPasswordStore,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  reveal(customerId: string, orderId: string, machineId: string): Promise<RevealOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const machine = await this.passwords.lock(tx, customerId, orderId, machineId);
      if (machine === null) return { kind: 'machine_not_found' };
      if (machine.accessMethod !== 'password') return { kind: 'no_root_password' };
      if (machine.sealed === null) {
        return machine.revealedAt !== null ? { kind: 'password_already_revealed', revealedAt: machine.revealedAt } : { kind: 'machine_deprovisioned' };
      }
      // Opened before the delete: a password that does not open (a key mix-up) is kept for when it is fixed.
      const rootPassword = openSealedSecret(machine.sealed, this.settings.secretsPrivateKey, rootPasswordContext(orderId, machineId));
      await this.passwords.markRevealed(tx, machineId, this.clock.now());
      return { kind: 'revealed', rootPassword };
    });
  }
}
