import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, type PayloadOf, rentalRequestedV1 } from '@rental/contracts';
import { type EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { z } from 'zod';
import { priceRentalRequest } from '../../domain/rental-request';
import { OrderPlacer } from '../common/order-placer';
import { QuoteIssuer } from '../common/quote-issuer';
import { RentalRequestAnswers } from '../common/rental-request-answers';
import { CrmCustomerStore } from '../ports/crm-customer-store';
import { RentalRequestStore } from '../ports/rental-request-store';

type RentalRequested = PayloadOf<typeof rentalRequestedV1>;

const uuid = z.uuid();

/**
 * rental.requested: a rental an account manager arranged for a CRM customer is quoted and ordered
 * the way a customer's own quote.create and order.place are, for the customer as the CRM last
 * described them. Answered by rental.request.rejected now, or, once provisioning has looked for
 * capacity, by rental.request.accepted or rejected (the rental process, process/rental-process.ts).
 */
@Injectable()
export class RentalRequestedHandler {
  constructor(
    private readonly customers: CrmCustomerStore,
    private readonly requests: RentalRequestStore,
    private readonly issuer: QuoteIssuer,
    private readonly placer: OrderPlacer,
    private readonly answers: RentalRequestAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(rentalRequestedV1)
  async onRentalRequested(event: EventEnvelope<RentalRequested>, ctx: EventContext): Promise<void> {
    const request = event.payload;
    // The CRM may send a request again (a timeout, a new event id): it was answered the first time.
    if (!(await this.requests.claim(ctx.manager, request.requestId, request.customerId, this.clock.now()))) return;
    const customer = await this.customers.snapshotOf(ctx.manager, request.customerId);
    if (customer === undefined) {
      return this.answers.reject(ctx, request, 'unknown_customer', `no customer ${request.customerId} was registered (customer.registered)`);
    }
    // Checked before quoting, so that a refused request leaves no quote behind.
    const overLimit = await this.placer.unpaidLimitRefusal(ctx, request.customerId);
    if (overLimit) return this.answers.reject(ctx, request, overLimit.reason, overLimit.detail);
    const quoteId = randomUUID();
    const discountPercent = request.discountPercent ?? 0;
    const quoted = await this.issuer.issue(
      ctx,
      quoteId,
      {
        planCode: request.planCode,
        locationCode: request.locationCode,
        imageCode: request.imageCode,
        quantity: request.quantity,
        start: new Date(request.start),
        ...(request.end !== undefined ? { end: new Date(request.end) } : { duration: request.duration }),
        customer,
        discountPercent,
      },
      priceRentalRequest,
    );
    if (!quoted.ok) return this.answers.reject(ctx, request, quoted.error.reason, quoted.error.detail);
    const orderId = randomUUID();
    const placed = await this.placer.place(ctx, {
      orderId,
      quoteId,
      customer,
      ...(request.sshPublicKey === undefined ? {} : { sshPublicKey: request.sshPublicKey }),
    });
    // The quote was made in this transaction for this customer: it cannot be missing, ordered or expired.
    if (!placed.ok) throw new Error(`rental request ${request.requestId}: its own quote ${quoteId} could not be ordered: ${placed.error.detail}`);
    await this.requests.recordPlaced(ctx.manager, request.requestId, quoteId, orderId, discountPercent);
  }

  /**
   * A rental.requested that broke its contract: the CRM is told why when the message names a
   * request and a customer it can be answered about, and the message goes to the dead-letter topic.
   */
  @RejectInvalid(rentalRequestedV1)
  async onInvalidRequest(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const payload = typeof event.payload === 'object' && event.payload !== null ? (event.payload as Record<string, unknown>) : {};
    const requestId = uuid.safeParse(payload.requestId);
    const customerId = uuid.safeParse(payload.customerId);
    if (!requestId.success || !customerId.success) return;
    // A requestId already answered keeps its answer: a broken copy of it is the dead-letter topic's to show.
    if (await this.requests.isKnown(ctx.manager, requestId.data)) return;
    await this.answers.rejectInvalid(ctx, { requestId: requestId.data, customerId: customerId.data }, problem);
  }
}
