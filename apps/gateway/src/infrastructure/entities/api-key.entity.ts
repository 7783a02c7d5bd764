import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApiKey } from '../../application/ports/api-key-store';

/** A customer's API key, kept only as its SHA-256; the prefix lets a person tell keys apart. */
@Entity({ name: 'gateway_api_keys' })
export class ApiKeyEntity implements ApiKey {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** When the key stops working by itself; null: it works until revoked. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
