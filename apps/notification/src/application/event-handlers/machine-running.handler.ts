import { Injectable } from '@nestjs/common';
import { type EventEnvelope, machineRunningV1, machineRunningV2, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { MachineReadyInput } from '../../domain/templates/machine-ready';
import { causeOf, MailRequests } from '../common/mail-requests';

type MachineRunning = PayloadOf<typeof machineRunningV1> | PayloadOf<typeof machineRunningV2>;

/**
 * A machine runs: tell the customer where it is, how to log in, and where to reveal a generated
 * password once. The password never goes into the mail: v2 carries it sealed to the gateway, and a
 * v1 still in the topic (it carried it in clear) is taken field by field, so its password is dropped here.
 */
@Injectable()
export class MachineRunningHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(machineRunningV1, machineRunningV2)
  async onMachineRunning(event: EventEnvelope<MachineRunning>, ctx: EventContext): Promise<void> {
    const machine = event.payload;
    const input: MachineReadyInput = {
      orderId: machine.orderId,
      machineId: machine.machineId,
      hostname: machine.hostname,
      ipAddress: machine.ipAddress,
      access: { method: machine.access.method },
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), machine.orderId, 'machine-ready', input);
  }
}
