import type { cataloguePublishedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CatalogueDocument = PayloadOf<typeof cataloguePublishedV1>;

/** The latest catalogue the order service published (one row). */
@Entity({ name: 'gateway_catalogue' })
export class CatalogueViewEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  revision!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'jsonb' })
  document!: CatalogueDocument;
}
