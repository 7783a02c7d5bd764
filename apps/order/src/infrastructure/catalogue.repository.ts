import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogueStore } from '../application/ports/catalogue-store';
import type { Catalogue } from '../domain/catalogue';

/**
 * The catalogue as rows, so that it grows without code: active plans, locations and images, and
 * which images each location offers. Reads are plain SQL; they run in the caller's transaction.
 */
@Injectable()
export class CatalogueRepository implements CatalogueStore {
  async load(manager: EntityManager): Promise<Catalogue> {
    const plans: {
      code: string;
      name: string;
      vcpu: number;
      memory_mb: number;
      disk_gb: number;
      per_day_cents: string;
      per_week_cents: string;
      per_month_cents: string;
      max_discount_percent: string;
    }[] = await manager.query(`SELECT * FROM plans WHERE active ORDER BY vcpu, code`);
    const locations: { code: string; name: string; country: string; images: string[] | null }[] = await manager.query(`
      SELECT l.code, l.name, l.country, array_agg(li.image_code ORDER BY li.image_code) FILTER (WHERE i.code IS NOT NULL) AS images
        FROM locations l
        LEFT JOIN location_images li ON li.location_code = l.code
        LEFT JOIN images i ON i.code = li.image_code AND i.active
       WHERE l.active
       GROUP BY l.code ORDER BY l.code`);
    const images: { code: string; name: string }[] = await manager.query(`SELECT code, name FROM images WHERE active ORDER BY code`);
    return {
      plans: plans.map((p) => ({
        code: p.code,
        name: p.name,
        resources: { vcpu: p.vcpu, memoryMb: p.memory_mb, diskGb: p.disk_gb },
        // bigint and numeric columns arrive as strings; catalogue prices are far below 2^53.
        prices: {
          currency: 'EUR',
          perDayCents: Number(p.per_day_cents),
          perWeekCents: Number(p.per_week_cents),
          perMonthCents: Number(p.per_month_cents),
        },
        maxDiscountPercent: Number(p.max_discount_percent),
      })),
      locations: locations.map((l) => ({ code: l.code, name: l.name, country: l.country, images: l.images ?? [] })),
      images,
    };
  }

  async lastPublishedRevision(manager: EntityManager): Promise<string | undefined> {
    const rows: { revision: string }[] = await manager.query(`SELECT revision FROM catalogue_publications ORDER BY published_at DESC LIMIT 1`);
    return rows[0]?.revision;
  }

  async recordPublication(manager: EntityManager, revision: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO catalogue_publications (revision, published_at) VALUES ($1, $2)
       ON CONFLICT (revision) DO UPDATE SET published_at = EXCLUDED.published_at`,
      [revision, at],
    );
  }
}
