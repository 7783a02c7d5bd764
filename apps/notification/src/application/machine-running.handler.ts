import { Injectable } from '@nestjs/common';
import { type EventEnvelope, machineRunningV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { MachineReadyInput } from '../domain/templates/machine-ready';
import { causeOf, MailRequests } from './mail-requests';

type MachineRunning = PayloadOf<typeof machineRunningV1>;

/**
 * A machine runs: tell the customer where it is and how to log in. The event may carry the one-time
 * root password; it goes into the mail and nowhere else (never into a log line, never into
 * notification.sent), and the stored mail is cleared once sent.
 */
@Injectable()
export class MachineRunningHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(machineRunningV1)
  async onMachineRunning(event: EventEnvelope<MachineRunning>, ctx: EventContext): Promise<void> {
    const machine = event.payload;
    const input: MachineReadyInput = { hostname: machine.hostname, ipAddress: machine.ipAddress, access: machine.access };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), machine.orderId, 'machine-ready', input);
  }
}
