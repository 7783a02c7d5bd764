import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { notificationSentV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { type Transaction, UnitOfWork } from '@rental/persistence';
import { Delivery } from '../../domain/delivery';
import { type LoggableSummary, loggableSummary, maskAddressesIn } from '../../domain/redaction';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../../notification-settings';
import { DeliveryStore, type StoredDelivery } from '../ports/delivery-store';
import { MailSender } from '../ports/mail-sender';

/** What one call did: the worker keeps calling until nothing is due. */
export type DispatchOutcome = 'sent' | 'retry-scheduled' | 'failed' | 'nothing-due';

/**
 * Sends one due delivery. In one transaction: claim the earliest due delivery (row-locked, so no
 * other sender has it), hand it to the mail server, record the outcome, and on success record
 * notification.sent in the outbox, so the fact is published exactly when the log says "sent".
 *
 * The lock is held while the mail server answers: a crash before the commit leaves the delivery
 * pending and it is sent again (a mail server accepting a mail and its sender dying before writing
 * that down cannot be told apart from a lost mail, so at-least-once is the honest promise).
 */
@Injectable()
export class DeliveryDispatcher {
  private readonly logger = new Logger(DeliveryDispatcher.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly sender: MailSender,
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryStore,
    private readonly outbox: Outbox,
  ) {}

  dispatchNext(): Promise<DispatchOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const stored = await this.deliveries.claimDue(tx, this.clock.now());
      if (!stored) return 'nothing-due';
      return this.dispatch(tx, stored);
    });
  }

  private async dispatch(tx: Transaction, stored: StoredDelivery): Promise<DispatchOutcome> {
    const { content } = stored;
    // The table's CHECK keeps content on every pending row; a hit here is a bug, not bad luck.
    if (!content) throw new Error(`delivery ${stored.state.id} is pending without content`);
    const delivery = Delivery.restore(stored.state, this.settings.retry);
    const summary = loggableSummary({ kind: stored.state.kind, recipient: stored.state.recipient, language: stored.language, content });

    let failure: string | null = null;
    try {
      await this.sender.send({ to: stored.state.recipient, subject: content.subject, text: content.text, html: content.html });
    } catch (error) {
      failure = describeFailure(error);
    }
    const at = this.clock.now();
    return failure === null ? this.recordSent(tx, delivery, stored, summary, at) : this.recordFailed(tx, delivery, summary, failure, at);
  }

  private async recordSent(tx: Transaction, delivery: Delivery, stored: StoredDelivery, summary: LoggableSummary, at: Date): Promise<DispatchOutcome> {
    const sent = delivery.recordSuccess(at);
    if (!sent.ok) throw new Error(`delivery ${delivery.id} was already ${sent.error.status}`);
    await this.deliveries.saveOutcome(tx, delivery.snapshot(), at);
    const { kind } = summary;
    // Ids, kind and language only: the content (and any password in it) never leaves this service. Every
    // mail kind must be in the contract's list (the compiler checks it here): a refusal after the mail
    // server took the mail would roll back "sent" and send it again on every retry.
    await this.outbox.record(
      tx,
      notificationSentV1,
      stored.orderId,
      { orderId: stored.orderId, deliveryId: delivery.id, kind, language: summary.language, sentAt: at.toISOString() },
      { correlationId: stored.correlationId, causationId: stored.state.causingEventId },
    );
    this.logger.log(`sent ${summary.kind} (${summary.language}) to ${summary.recipient}, attempt ${sent.value.attempt}: "${summary.subject}"`);
    return 'sent';
  }

  private async recordFailed(tx: Transaction, delivery: Delivery, summary: LoggableSummary, error: string, at: Date): Promise<DispatchOutcome> {
    const outcome = delivery.recordFailure(error, at);
    if (!outcome.ok) throw new Error(`delivery ${delivery.id} was already ${outcome.error.status}`);
    const event = outcome.value;
    await this.deliveries.saveOutcome(tx, delivery.snapshot(), event.type === 'delivery.failed' ? at : null);
    if (event.type === 'delivery.failed') {
      this.logger.error(`gave up on ${summary.kind} to ${summary.recipient} after ${event.attempts} attempts: ${event.error}`);
      return 'failed';
    }
    this.logger.warn(
      `${summary.kind} to ${summary.recipient} failed (attempt ${event.attempt}), retry at ${event.nextAttemptAt.toISOString()}: ${event.error}`,
    );
    return 'retry-scheduled';
  }
}

/**
 * The mail server's reason, as the delivery log and the logs keep it: message and codes, never the
 * mail, and any address the server quotes masked.
 */
function describeFailure(error: unknown): string {
  return maskAddressesIn(failureText(error));
}

function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, responseCode } = error as Error & { code?: unknown; responseCode?: unknown };
  const tags = [typeof code === 'string' ? code : null, typeof responseCode === 'number' ? `SMTP ${responseCode}` : null].filter(Boolean);
  return tags.length > 0 ? `${error.message} (${tags.join(', ')})` : error.message;
}
