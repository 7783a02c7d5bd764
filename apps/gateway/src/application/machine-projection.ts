import { Injectable } from '@nestjs/common';
import { type EventEnvelope, machineDeprovisionedV1, machineRunningV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { ReadModelSignal } from '../infrastructure/read-model-signal';

/**
 * Machines of an order that ran, until they are deprovisioned. A root password is kept only until
 * the customer has read it; a redelivered machine.running never brings an erased password back (the
 * row is not overwritten). Never log machine.running's payload.
 */
@Injectable()
export class MachineProjection {
  @HandleEvent(machineRunningV1)
  async onMachineRunning(event: EventEnvelope<PayloadOf<typeof machineRunningV1>>, ctx: EventContext): Promise<void> {
    const m = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_machines (machine_id, order_id, customer_id, hostname, ip_address, access_method, root_password, running_since)
       VALUES ($1, $2, (SELECT customer_id FROM gateway_orders WHERE order_id = $2), $3, $4, $5, $6, $7)
       ON CONFLICT (machine_id) DO NOTHING`,
      [
        m.machineId,
        m.orderId,
        m.hostname,
        m.ipAddress,
        m.access.method,
        m.access.method === 'password' ? m.access.rootPassword : null,
        m.runningSince,
      ],
    );
    await ReadModelSignal.raise(ctx.manager, m.orderId);
  }

  /**
   * A machine the customer never had (it came up after the order was cancelled) has no row and
   * stays out of the view. A wiped machine's password opens nothing any more: erase it unshown.
   */
  @HandleEvent(machineDeprovisionedV1)
  async onMachineDeprovisioned(event: EventEnvelope<PayloadOf<typeof machineDeprovisionedV1>>, ctx: EventContext): Promise<void> {
    const m = event.payload;
    await ctx.manager.query(
      `UPDATE gateway_machines SET deprovisioned_at = $2, deprovision_reason = $3, root_password = NULL WHERE machine_id = $1`,
      [m.machineId, m.deprovisionedAt, m.reason],
    );
    await ReadModelSignal.raise(ctx.manager, m.orderId);
  }
}
