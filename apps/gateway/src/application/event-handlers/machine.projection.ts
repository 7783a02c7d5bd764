import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type EventEnvelope,
  machineDeprovisionedV1,
  machineRunningV1,
  machineRunningV2,
  type PayloadOf,
  rootPasswordContext,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { keyIdOf, type SealedSecret, sealSecret } from '@rental/secrets';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { READ_MODEL_CHANGES, type ReadModelChanges } from '../ports/read-model-changes';

type MachineRunning = PayloadOf<typeof machineRunningV1> | PayloadOf<typeof machineRunningV2>;

/**
 * Machines of an order that ran, until they are deprovisioned. A root password is kept only sealed,
 * until the customer reveals it once (RevealRootPasswordHandler); a redelivered machine.running never
 * brings an erased password back (the row is not overwritten). Never log machine.running's payload.
 */
@Injectable()
export class MachineProjection {
  private readonly logger = new Logger(MachineProjection.name);
  private readonly publicKey: KeyObject;
  private readonly keyId: string;

  constructor(
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    @Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges,
  ) {
    this.publicKey = createPublicKey(settings.secretsPrivateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  @HandleEvent(machineRunningV2)
  async onMachineRunning(event: EventEnvelope<PayloadOf<typeof machineRunningV2>>, ctx: EventContext): Promise<void> {
    const m = event.payload;
    const sealed = m.access.method === 'password' ? m.access.rootPasswordSealed : null;
    if (sealed !== null && sealed.keyId !== this.keyId) {
      // Kept anyway (another gateway instance may hold that key during a rotation); the reveal will say so too.
      this.logger.error(
        `machine ${m.machineId}: its root password is sealed to key ${sealed.keyId}, not to this gateway's ${this.keyId}: ` +
          `provisioning's PROVISIONING_SECRETS_PUBLIC_KEY is not the public half of GATEWAY_SECRETS_PRIVATE_KEY`,
      );
    }
    await this.record(ctx, m, sealed);
  }

  /** A v1 still in the topic carries the password in clear: sealed on arrival, so it is never stored in clear. */
  @HandleEvent(machineRunningV1)
  async onMachineRunningV1(event: EventEnvelope<PayloadOf<typeof machineRunningV1>>, ctx: EventContext): Promise<void> {
    const m = event.payload;
    const sealed = m.access.method === 'password' ? sealSecret(m.access.rootPassword, this.publicKey, rootPasswordContext(m.orderId, m.machineId)) : null;
    await this.record(ctx, m, sealed);
  }

  /**
   * A machine the customer never had (it came up after the order was cancelled) has no row and
   * stays out of the view. A wiped machine's password opens nothing any more: erase it unrevealed.
   */
  @HandleEvent(machineDeprovisionedV1)
  async onMachineDeprovisioned(event: EventEnvelope<PayloadOf<typeof machineDeprovisionedV1>>, ctx: EventContext): Promise<void> {
    const m = event.payload;
    await ctx.manager.query(
      `UPDATE gateway_machines SET deprovisioned_at = $2, deprovision_reason = $3, root_password_sealed = NULL WHERE machine_id = $1`,
      [m.machineId, m.deprovisionedAt, m.reason],
    );
    await this.changes.announce(ctx.manager, m.orderId);
  }

  private async record(ctx: EventContext, m: MachineRunning, sealed: SealedSecret | null): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO gateway_machines (machine_id, order_id, customer_id, hostname, ip_address, access_method, root_password_sealed, running_since)
       VALUES ($1, $2, (SELECT customer_id FROM gateway_orders WHERE order_id = $2), $3, $4, $5, $6, $7)
       ON CONFLICT (machine_id) DO NOTHING`,
      [m.machineId, m.orderId, m.hostname, m.ipAddress, m.access.method, sealed === null ? null : JSON.stringify(sealed), m.runningSince],
    );
    await this.changes.announce(ctx.manager, m.orderId);
  }
}
