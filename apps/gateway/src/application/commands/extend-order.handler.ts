import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderExtendV1, type orderExtensionRejectedV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { DataSource } from 'typeorm';
import { type CustomerEntity, ExtensionViewEntity, InvoiceViewEntity } from '../../infrastructure/entities';
import { type KeyedRequest, requestHash } from './idempotency-keys';
import { OrderCommandSender } from './order-command-sender';
import { ReplyWaiter } from '../common/reply-waiter';

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
    private readonly dataSource: DataSource,
    private readonly replies: ReplyWaiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async extend(customer: CustomerEntity, orderId: string, idempotencyKey: string, request: ExtensionRequest, correlationId: string): Promise<ExtensionAnswer> {
    const keyed: KeyedRequest = { customerId: customer.id, key: idempotencyKey, requestHash: requestHash({ operation: orderExtendV1.type, orderId, ...request }) };
    const sent = await this.commands.send(keyed, customer.id, orderId, (manager, extensionId) =>
      this.outbox.record(
        manager,
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

  private async answer(customer: CustomerEntity, orderId: string, extensionId: string, replayed: boolean): Promise<ExtensionAnswer> {
    const extensions = this.dataSource.getRepository(ExtensionViewEntity);
    const invoices = this.dataSource.getRepository(InvoiceViewEntity);
    const look = async (withoutInvoice: boolean): Promise<ExtensionAnswer | undefined> => {
      const extension = await extensions.findOneBy({ extensionId, orderId, customerId: customer.id });
      if (!extension) return undefined;
      if (extension.rejectionReason) return { kind: 'rejected', reason: extension.rejectionReason, detail: extension.rejectionDetail ?? '' };
      return withoutInvoice || (await invoices.existsBy({ extensionId })) ? { kind: 'accepted', extensionId, replayed } : undefined;
    };
    return (await this.replies.waitFor(orderId, () => look(false))) ?? (await look(true)) ?? { kind: 'timeout', extensionId };
  }
}
