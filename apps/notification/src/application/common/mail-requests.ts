import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { EventEnvelope } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import { Delivery } from '../../domain/delivery';
import type { Language } from '../../domain/language';
import type { MessageKind } from '../../domain/message-kind';
import { loggableSummary } from '../../domain/redaction';
import { renderMessage, type RenderRefusal } from '../../domain/render';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../../notification-settings';
import { AwaitingMailStore } from '../ports/awaiting-mail-store';
import { CrmCustomerStore } from '../ports/crm-customer-store';
import { DeliveryStore } from '../ports/delivery-store';
import { type OrderCustomer, OrderCustomerStore } from '../ports/order-customer-store';

/** The event that asks for a mail: its id makes the mail unique, its correlation id follows the mail into notification.sent. */
export interface MailCause {
  readonly eventId: string;
  readonly correlationId: string;
}

export const causeOf = (event: EventEnvelope): MailCause => ({ eventId: event.id, correlationId: event.correlationId });

export interface Recipient {
  readonly email: string;
  readonly language: Language;
}

/**
 * An event asked for a mail its input cannot make (the template's schema refused it). Thrown so the
 * consumer dead-letters the event with this message, which names the fields and rules broken, never
 * their values (a value may be a password).
 */
export class MailNotRenderableError extends Error {
  constructor(kind: string, refusal: RenderRefusal) {
    const detail =
      refusal.reason === 'unknown_kind'
        ? 'no template for this kind'
        : refusal.issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ');
    super(`cannot write the ${kind} mail: ${detail}`);
    this.name = 'MailNotRenderableError';
  }
}

/**
 * Turns an event's request for a mail into a pending delivery, inside the event's transaction.
 * Nothing is sent here: the delivery worker sends after the transaction commits, so a slow or absent
 * mail server never holds up (or rolls back) the processing of events.
 */
@Injectable()
export class MailRequests {
  private readonly logger = new Logger(MailRequests.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly deliveries: DeliveryStore,
    private readonly customers: OrderCustomerStore,
    private readonly crmCustomers: CrmCustomerStore,
    private readonly awaiting: AwaitingMailStore,
  ) {}

  /**
   * Where a mail to this customer goes: where the CRM says now, for a customer the CRM knows (so a
   * customer.updated moves every later mail), else where the event or the order said.
   */
  async recipientOf(tx: Transaction, customerId: string, named: Recipient): Promise<Recipient> {
    const crm = await this.crmCustomers.find(tx, customerId);
    return crm ? { email: crm.email, language: crm.language } : named;
  }

  /** A mail to this recipient exactly; see recipientOf for whom an event's customer is. */
  async request(tx: Transaction, cause: MailCause, orderId: string, kind: MessageKind, recipient: Recipient, input: unknown): Promise<void> {
    const rendered = renderMessage(kind, recipient.language, input);
    if (!rendered.ok) throw new MailNotRenderableError(kind, rendered.error);
    const delivery = Delivery.create(
      { id: randomUUID(), causingEventId: cause.eventId, kind, recipient: recipient.email },
      this.clock.now(),
      this.settings.retry,
    );
    const added = await this.deliveries.addIfNew(tx, {
      state: delivery.snapshot(),
      orderId,
      correlationId: cause.correlationId,
      language: recipient.language,
      content: rendered.value,
    });
    const summary = loggableSummary({ kind, recipient: recipient.email, language: recipient.language, content: rendered.value });
    if (added) {
      this.logger.log(`queued ${summary.kind} (${summary.language}) to ${summary.recipient} for order ${orderId}: "${summary.subject}"`);
    } else {
      this.logger.log(`${summary.kind} for event ${cause.eventId} was queued before; not queued again`);
    }
  }

  /**
   * A mail to the customer of an order, for events that name the order (and perhaps the customer, as
   * `customerId`). If the order's customer is not known yet (its order.placed is still on its way) and
   * the CRM does not know the customer named, the request waits for the order; see AwaitingMailStore.
   */
  async requestForOrderCustomer(tx: Transaction, cause: MailCause, orderId: string, kind: MessageKind, input: unknown, customerId?: string): Promise<void> {
    await this.customers.lockOrder(tx, orderId);
    const customer = await this.customers.findByOrder(tx, orderId);
    if (customer) {
      await this.request(tx, cause, orderId, kind, await this.recipientOf(tx, customer.customerId, customer), input);
      return;
    }
    const crm = customerId === undefined ? null : await this.crmCustomers.find(tx, customerId);
    if (crm) {
      await this.request(tx, cause, orderId, kind, crm, input);
      return;
    }
    // Refused input fails the event now, not later when the customer arrives and nobody can dead-letter it.
    const check = renderMessage(kind, 'en', input);
    if (!check.ok) throw new MailNotRenderableError(kind, check.error);
    await this.awaiting.park(tx, { causingEventId: cause.eventId, correlationId: cause.correlationId, orderId, kind, input }, this.clock.now());
    this.logger.log(`${kind} for order ${orderId} waits for the order's customer (order.placed not seen yet)`);
  }

  /** Records an order's customer as the order describes it, then sends every mail that was waiting for it. */
  async recordCustomer(tx: Transaction, customer: OrderCustomer): Promise<void> {
    await this.customers.lockOrder(tx, customer.orderId);
    await this.customers.save(tx, customer, this.clock.now());
    const waitingMails = await this.awaiting.takeForOrder(tx, customer.orderId);
    if (waitingMails.length === 0) return;
    const recipient = await this.recipientOf(tx, customer.customerId, customer);
    for (const waiting of waitingMails) {
      const cause = { eventId: waiting.causingEventId, correlationId: waiting.correlationId };
      await this.request(tx, cause, waiting.orderId, waiting.kind, recipient, waiting.input);
    }
  }
}
