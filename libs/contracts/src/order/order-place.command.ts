import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, text } from '../shared/schemas';

export const orderPlaceV1 = defineEvent({
  type: 'order.place',
  version: 1,
  kind: 'command',
  producer: 'order',
  senders: ['gateway'],
  key: 'order id (chosen by the sender, so a retried request places one order)',
  answeredBy: ['order.placed', 'order.rejected'],
  description:
    'Order a quote. Answered by order.placed or order.rejected with the same order id. ' + 'Without an SSH public key a one-time root password is generated.',
  schema: z.object({
    orderId: id,
    quoteId: id,
    customer: customerSnapshot,
    sshPublicKey: text.min(16).max(16_384).optional(),
  }),
  example: {
    orderId: EXAMPLE.orderId,
    quoteId: EXAMPLE.quoteId,
    customer: EXAMPLE.customer,
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl it@stroopwafel',
  },
});
