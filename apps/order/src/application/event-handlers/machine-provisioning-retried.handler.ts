import { Injectable } from '@nestjs/common';
import { type EventEnvelope, machineProvisioningRetriedV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { OrderTimeline } from '../common/order-timeline';

/** machine.provisioning-retried: the customer sees the retry on the order's timeline; the order stays provisioning. */
@Injectable()
export class MachineProvisioningRetriedHandler {
  constructor(private readonly timeline: OrderTimeline) {}

  @HandleEvent(machineProvisioningRetriedV1)
  async onProvisioningRetried(event: EventEnvelope<PayloadOf<typeof machineProvisioningRetriedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const where = p.movedToAnotherHost ? 'on another host' : 'on the same host';
    await this.timeline.noteOn(
      ctx,
      p.orderId,
      'provisioning_retried',
      `attempt ${p.failedAttempt} failed (${p.reason}); trying again ${where} at ${p.nextAttemptAt}`,
    );
  }
}
