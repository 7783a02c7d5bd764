import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus } from '../domain/delivery';
import type { Language } from '../domain/language';
import type { MessageKind } from '../domain/message-kind';

/** One attempt as the delivery log keeps it (JSON, so times are ISO strings). */
export interface StoredAttempt {
  at: string;
  outcome: 'sent' | 'failed';
  error?: string;
}

/** The delivery log: one row per mail, from the event that asked for it until it is sent or has failed for good. */
@Entity({ name: 'notification_delivery' })
export class DeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Unique: an event consumed twice, or published twice by a relay, still sends one mail. */
  @Column('uuid', { name: 'causing_event_id', unique: true })
  causingEventId!: string;

  /** Of the causing event, so that notification.sent joins the rental's trace. */
  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  kind!: MessageKind;

  @Column('text')
  recipient!: string;

  @Column('text')
  language!: Language;

  /** Kept after sending: subjects are built to hold no secret, and support needs to know which mail it was. */
  @Column('text')
  subject!: string;

  @Column('text')
  status!: DeliveryStatus;

  /** How many attempts were made; attemptLog has each one's time and error. */
  @Column('integer')
  attempts!: number;

  @Column('jsonb', { name: 'attempt_log' })
  attemptLog!: StoredAttempt[];

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /**
   * The rendered mail, kept only while it still has to be sent and cleared (NULL) as soon as the
   * delivery is sent or has failed for good: a machine-ready mail holds the machine's one-time root
   * password, which must not outlive its one trip to the customer. The table's CHECK enforces it.
   */
  @Column('text', { name: 'content_text', nullable: true })
  contentText!: string | null;

  @Column('text', { name: 'content_html', nullable: true })
  contentHtml!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'settled_at', nullable: true })
  settledAt!: Date | null;
}
