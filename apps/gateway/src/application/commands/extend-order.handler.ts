import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderExtendV1, type orderExtensionRejectedV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { ReplyWaiter } from '../common/reply-waiter';
import type { Customer } from '../ports/customer-store';
import { ExtensionReadModel } from '../ports/extension-read-model';
import type { KeyedRequest } from '../ports/idempotency-key-store';
import { InvoiceReadModel } from '../ports/invoice-read-model';
import { requestHash } from './idempotency-keys';
import { OrderCommandSender } from './order-command-sender';

/** A new end, or a period to add to the current one (ISO-8601 months, weeks and days); exactly one. */
export type ExtensionRequest = { end: string; duration?: undefined } | { duration: string; end?: undefined };

export type ExtensionAnswer =
  | { kind: 'accepted'; extensionId: string; replayed: boolean }
  | { kind: 'rejected'; reason: PayloadOf<typeof orderExtensionRejectedV1>['reason']; detail: string }
  | { kind: 'order_not_found' }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'timeout'; extensionId: string };

/**
 * Asks the order service to extend a rental (order.extend, once per Idempotency-Key) and waits for
 * its answer. An accepted extension is answered once its invoice is there too, so the customer gets
 * the checkout URL at once; if billing is slow, it is answered without it when the wait is over.
 */
@Injectable()
export class ExtendOrderHandler {
  constructor(
    private readonly commands: OrderCommandSender,
    private readonly outbox: Outbox,
    private readonly extensions: ExtensionReadModel,
    private readonly invoices: InvoiceReadModel,
    private readonly replies: ReplyWaiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async extend(customer: Customer, orderId: string, idempotencyKey: string, request: ExtensionRequest, correlationId: string): Promise<ExtensionAnswer> {
    const keyed: KeyedRequest = {
      customerId: customer.id,
      key: idempotencyKey,
      requestHash: requestHash({ operation: orderExtendV1.type, orderId, ...request }),
    };
    const sent = await this.commands.send(keyed, customer.id, orderId, (tx, extensionId) =>
      this.outbox.record(
        tx,
        orderExtendV1,
        orderId,
        {
          orderId,
          customerId: customer.id,
          extensionId,
          ...(request.end !== undefined ? { end: request.end } : { duration: request.duration }),
          requestedAt: this.clock.now().toISOString(),
        },
        { correlationId },
      ),
    );
    return sent.kind === 'sent' ? this.answer(customer, orderId, sent.requestId, sent.replayed) : sent;
  }

  private async answer(customer: Customer, orderId: string, extensionId: string, replayed: boolean): Promise<ExtensionAnswer> {
    const look = async (withoutInvoice: boolean): Promise<ExtensionAnswer | undefined> => {
      const extension = await this.extensions.find(customer.id, orderId, extensionId);
      if (!extension) return undefined;
      if (extension.rejectionReason) return { kind: 'rejected', reason: extension.rejectionReason, detail: extension.rejectionDetail ?? '' };
      return withoutInvoice || (await this.invoices.existsForExtension(extensionId)) ? { kind: 'accepted', extensionId, replayed } : undefined;
    };
    return (await this.replies.waitFor(orderId, () => look(false))) ?? (await look(true)) ?? { kind: 'timeout', extensionId };
  }
}
