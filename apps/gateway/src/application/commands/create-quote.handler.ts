import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type PayloadOf, quoteCreateV1, type quoteRejectedV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { ReplyWaiter } from '../common/reply-waiter';
import type { Customer } from '../ports/customer-store';
import { QuoteReadModel, type QuoteRecord } from '../ports/quote-read-model';
import { customerSnapshot } from './customer-snapshot';

export interface QuoteRequest {
  planCode: string;
  locationCode: string;
  imageCode: string;
  quantity: number;
  start: string;
  end?: string;
  duration?: string;
}

export type QuoteAnswer =
  | { kind: 'created'; quote: QuoteRecord }
  | { kind: 'rejected'; reason: PayloadOf<typeof quoteRejectedV1>['reason']; detail: string }
  | { kind: 'timeout'; quoteId: string };

/** Asks the order service for a quote (quote.create through the outbox) and waits for its answer. */
@Injectable()
export class CreateQuoteHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly quotes: QuoteReadModel,
    private readonly replies: ReplyWaiter,
  ) {}

  async request(customer: Customer, request: QuoteRequest, correlationId: string): Promise<QuoteAnswer> {
    const quoteId = randomUUID();
    await this.unitOfWork.run((tx) =>
      this.outbox.record(tx, quoteCreateV1, quoteId, { quoteId, customer: customerSnapshot(customer), ...request }, { correlationId }),
    );
    const quote = await this.replies.waitFor(quoteId, async () => (await this.quotes.find(customer.id, quoteId)) ?? undefined);
    if (!quote) return { kind: 'timeout', quoteId };
    if (quote.status === 'rejected') return { kind: 'rejected', reason: quote.rejectionReason!, detail: quote.rejectionDetail ?? '' };
    return { kind: 'created', quote };
  }
}
