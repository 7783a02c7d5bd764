import { Injectable } from '@nestjs/common';
import { cataloguePublishedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { QuoteReadModel } from '../ports/quote-read-model';

/** Keeps the latest catalogue: an older one arriving late (a redelivery, a replay) never replaces a newer one. */
@Injectable()
export class CatalogueProjection {
  constructor(private readonly quotes: QuoteReadModel) {}

  @HandleEvent(cataloguePublishedV1)
  async onCataloguePublished(event: EventEnvelope<PayloadOf<typeof cataloguePublishedV1>>, ctx: EventContext): Promise<void> {
    await this.quotes.recordCatalogue(ctx.manager, event.payload);
  }
}
