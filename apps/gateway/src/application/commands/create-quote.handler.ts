import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { quoteCreateV1, type PayloadOf, type quoteRejectedV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { type CustomerEntity, QuoteViewEntity } from '../../infrastructure/entities';
import { customerSnapshot } from './customer-snapshot';
import { ReplyWaiter } from '../common/reply-waiter';

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
  | { kind: 'created'; quote: QuoteViewEntity }
  | { kind: 'rejected'; reason: PayloadOf<typeof quoteRejectedV1>['reason']; detail: string }
  | { kind: 'timeout'; quoteId: string };

/** Asks the order service for a quote (quote.create through the outbox) and waits for its answer. */
@Injectable()
export class CreateQuoteHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly replies: ReplyWaiter,
  ) {}

  async request(customer: CustomerEntity, request: QuoteRequest, correlationId: string): Promise<QuoteAnswer> {
    const quoteId = randomUUID();
    await this.unitOfWork.run((manager) =>
      this.outbox.record(manager, quoteCreateV1, quoteId, { quoteId, customer: customerSnapshot(customer), ...request }, { correlationId }),
    );
    const quotes = this.dataSource.getRepository(QuoteViewEntity);
    const quote = await this.replies.waitFor(
      quoteId,
      async () => (await quotes.findOneBy({ quoteId, customerId: customer.id })) ?? undefined,
    );
    if (!quote) return { kind: 'timeout', quoteId };
    if (quote.status === 'rejected') return { kind: 'rejected', reason: quote.rejectionReason!, detail: quote.rejectionDetail ?? '' };
    return { kind: 'created', quote };
  }
}
