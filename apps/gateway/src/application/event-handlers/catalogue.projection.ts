import { Injectable } from '@nestjs/common';
import { CATALOGUE_KEY, cataloguePublishedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';

/** Keeps the latest catalogue: an older one arriving late (a redelivery, a replay) never replaces a newer one. */
@Injectable()
export class CatalogueProjection {
  @HandleEvent(cataloguePublishedV1)
  async onCataloguePublished(event: EventEnvelope<PayloadOf<typeof cataloguePublishedV1>>, ctx: EventContext): Promise<void> {
    const catalogue = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_catalogue (id, revision, published_at, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision, published_at = EXCLUDED.published_at, document = EXCLUDED.document
       WHERE gateway_catalogue.published_at <= EXCLUDED.published_at`,
      [CATALOGUE_KEY, catalogue.revision, catalogue.publishedAt, JSON.stringify(catalogue)],
    );
  }
}
