import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type PayloadOf, rentalRequestAcceptedV1, rentalRequestRejectedV1 } from '@rental/contracts';
import type { QuoteRecord } from '../ports/quote-store';
import { RentalRequestStore } from '../ports/rental-request-store';
import type { OrderTransaction } from './order-transaction';

export type RentalRequestRejection = PayloadOf<typeof rentalRequestRejectedV1>['reason'];

interface RequestIds {
  readonly requestId: string;
  readonly customerId: string;
}

/**
 * What the CRM hears about the rentals it requested: one answer per request, keyed by the customer
 * id like the request, so a customer's requests and their answers keep one order.
 */
@Injectable()
export class RentalRequestAnswers {
  constructor(
    private readonly requests: RentalRequestStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Refused before any order was placed; the requestId is spent, so sending it again changes nothing. */
  async reject(tx: OrderTransaction<typeof rentalRequestRejectedV1>, request: RequestIds, reason: RentalRequestRejection, detail: string): Promise<void> {
    const now = this.clock.now();
    await this.requests.recordRejected(tx.manager, request.requestId, reason, now);
    await this.publishRejection(tx, request, reason, detail, now);
  }

  /**
   * The message broke its contract, so no request was read: the requestId is not spent, and the
   * same request, corrected, can be sent again under it.
   */
  async rejectInvalid(tx: OrderTransaction<typeof rentalRequestRejectedV1>, request: RequestIds, problem: string): Promise<void> {
    await this.publishRejection(tx, request, 'invalid_request', problem, this.clock.now());
  }

  /** Capacity is held for the order: if the CRM asked for it, the request is accepted. */
  async orderAccepted(tx: OrderTransaction<typeof rentalRequestAcceptedV1>, orderId: string, quote: QuoteRecord): Promise<void> {
    const now = this.clock.now();
    const request = await this.requests.acceptFor(tx.manager, orderId, now);
    if (request === undefined) return;
    await tx.publish(rentalRequestAcceptedV1, request.customerId, {
      requestId: request.requestId,
      customerId: request.customerId,
      orderId,
      quoteId: quote.quoteId,
      period: quote.period,
      price: quote.price,
      discountPercent: request.discountPercent,
      acceptedAt: now.toISOString(),
    });
  }

  /** No capacity for the order: if the CRM asked for it, the request is rejected, naming the order that was placed. */
  async noCapacity(tx: OrderTransaction<typeof rentalRequestRejectedV1>, orderId: string, detail: string): Promise<void> {
    const now = this.clock.now();
    const request = await this.requests.rejectFor(tx.manager, orderId, 'no_capacity', now);
    if (request === undefined) return;
    await this.publishRejection(tx, request, 'no_capacity', detail, now, orderId);
  }

  private async publishRejection(
    tx: OrderTransaction<typeof rentalRequestRejectedV1>,
    request: RequestIds,
    reason: RentalRequestRejection,
    detail: string,
    at: Date,
    orderId?: string,
  ): Promise<void> {
    await tx.publish(rentalRequestRejectedV1, request.customerId, {
      requestId: request.requestId,
      customerId: request.customerId,
      reason,
      detail,
      ...(orderId === undefined ? {} : { orderId }),
      rejectedAt: at.toISOString(),
    });
  }
}
