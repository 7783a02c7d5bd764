import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { CATALOGUE_KEY, cataloguePublishedV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { CatalogueStore } from '../ports/catalogue-store';

/**
 * Publishes the catalogue when it differs from the one last published, so that readers (the
 * gateway) always hold the current one. Runs at start-up: catalogue rows change by migration or by
 * hand, and either way a restart follows.
 */
@Injectable()
export class CataloguePublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(CataloguePublisher.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalogue: CatalogueStore,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publishIfChanged();
  }

  async publishIfChanged(): Promise<boolean> {
    return this.unitOfWork.run(async (manager) => {
      // One publisher at a time, so two instances starting together publish a revision once.
      await manager.query(`LOCK TABLE catalogue_publications IN EXCLUSIVE MODE`);
      const catalogue = await this.catalogue.load(manager);
      const body = {
        currency: 'EUR',
        plans: catalogue.plans.map((p) => ({
          code: p.code,
          name: p.name,
          resources: p.resources,
          perDayCents: p.prices.perDayCents,
          perWeekCents: p.prices.perWeekCents,
          perMonthCents: p.prices.perMonthCents,
          maxDiscountPercent: p.maxDiscountPercent,
        })),
        locations: catalogue.locations.map((l) => ({ ...l, images: [...l.images] })),
        images: catalogue.images.map((i) => ({ ...i })),
      };
      const revision = `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16)}`;
      if ((await this.catalogue.lastPublishedRevision(manager)) === revision) return false;
      const now = this.clock.now();
      await this.outbox.record(
        manager,
        cataloguePublishedV1,
        CATALOGUE_KEY,
        { revision, ...body, publishedAt: now.toISOString() },
        {
          correlationId: randomUUID(),
        },
      );
      await this.catalogue.recordPublication(manager, revision, now);
      this.logger.log(`published catalogue ${revision}: ${body.plans.length} plans, ${body.locations.length} locations`);
      return true;
    });
  }
}
