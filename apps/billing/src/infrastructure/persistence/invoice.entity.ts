import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BillingAddress } from '../../domain/invoice-types';

/**
 * An issued invoice with the customer and seller details it was issued with: an invoice is a legal
 * document, so it keeps them as they were, whatever changes later. Its lines and its ledger of money
 * movements are rows of their own.
 */
@Entity('invoices')
export class InvoiceEntity {
  /** 2026-000042: gapless per calendar year, allocated in the issuing transaction. */
  @PrimaryColumn({ type: 'text' })
  number!: string;

  /** Several per order: the order itself (one, unique) and each extension of it (one each, unique). */
  @Index('invoices_order_id', { unique: true, where: 'extension_id IS NULL' })
  @Index('invoices_of_order')
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Index('invoices_extension_id', { unique: true, where: 'extension_id IS NOT NULL' })
  @Column({ name: 'extension_id', type: 'uuid', nullable: true })
  extensionId!: string | null;

  /** What the invoice charges for; null only on invoices issued before periods were stored. */
  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart!: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'customer_name', type: 'text' })
  customerName!: string;

  @Column({ name: 'customer_email', type: 'text' })
  customerEmail!: string;

  @Column({ name: 'customer_language', type: 'text' })
  customerLanguage!: string;

  @Column({ name: 'customer_country', type: 'text' })
  customerCountry!: string;

  @Column({ name: 'customer_kind', type: 'text' })
  customerKind!: 'consumer' | 'business';

  @Column({ name: 'customer_vat_number', type: 'text', nullable: true })
  customerVatNumber!: string | null;

  /** As billing's copy of the CRM had it at issue; null for a customer the CRM does not know. */
  @Column({ name: 'customer_billing_address', type: 'jsonb', nullable: true })
  customerBillingAddress!: BillingAddress | null;

  @Column({ name: 'seller_name', type: 'text' })
  sellerName!: string;

  @Column({ name: 'seller_address', type: 'text' })
  sellerAddress!: string;

  @Column({ name: 'seller_country', type: 'text' })
  sellerCountry!: string;

  @Column({ name: 'seller_vat_number', type: 'text' })
  sellerVatNumber!: string;

  @Column({ name: 'seller_chamber_of_commerce_number', type: 'text' })
  sellerChamberOfCommerceNumber!: string;

  @Column({ name: 'vat_rate_percent', type: 'numeric', precision: 5, scale: 2, transformer: numberColumn })
  vatRatePercent!: number;

  @Column({ name: 'vat_treatment', type: 'text' })
  vatTreatment!: 'standard' | 'reverse_charge' | 'outside_eu';

  /** The legal text a zero rate must carry (reverse charge, outside the EU). */
  @Column({ name: 'vat_note', type: 'text', nullable: true })
  vatNote!: string | null;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'net_cents', type: 'bigint', transformer: numberColumn })
  netCents!: number;

  @Column({ name: 'vat_cents', type: 'bigint', transformer: numberColumn })
  vatCents!: number;

  @Column({ name: 'gross_cents', type: 'bigint', transformer: numberColumn })
  grossCents!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  status!: 'open' | 'paid' | 'cancelled';
}
