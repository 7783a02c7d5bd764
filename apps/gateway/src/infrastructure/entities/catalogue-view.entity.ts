import type { cataloguePublishedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CatalogueRecord } from '../../application/ports/quote-read-model';

export type CatalogueDocument = PayloadOf<typeof cataloguePublishedV1>;

/** The latest catalogue the order service published (one row). */
@Entity({ name: 'gateway_catalogue' })
export class CatalogueViewEntity implements CatalogueRecord {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  revision!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'jsonb' })
  document!: CatalogueDocument;
}
