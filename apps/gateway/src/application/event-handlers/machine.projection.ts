import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, machineDeprovisionedV1, machineRunningV1, machineRunningV2, type PayloadOf, rootPasswordContext } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { keyIdOf, type SealedSecret, sealSecret } from '@rental/secrets';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { OrderReadModel } from '../ports/order-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';

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
    private readonly orders: OrderReadModel,
    private readonly changes: ReadModelChanges,
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
    await this.orders.recordMachineDeprovisioned(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  private async record(ctx: EventContext, m: MachineRunning, sealed: SealedSecret | null): Promise<void> {
    await this.orders.recordMachineRunning(ctx.manager, {
      machineId: m.machineId,
      orderId: m.orderId,
      hostname: m.hostname,
      ipAddress: m.ipAddress,
      accessMethod: m.access.method,
      rootPasswordSealed: sealed,
      runningSince: m.runningSince,
    });
    await this.changes.announce(ctx.manager, m.orderId);
  }
}
