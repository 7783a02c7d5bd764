import { randomUUID } from 'node:crypto';
import {
  type EventEnvelope,
  eventsTopic,
  invoicePaidV1,
  orderAcceptedV1,
  orderCancelledV1,
  type PayloadOf,
  paymentRecordV1,
  paymentRefundedV1,
  topicOf,
} from '@rental/contracts';
import { EventContext, Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderCancelledHandler } from '../src/application/event-handlers/order-cancelled.handler';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import {
  balanceViolations,
  clock,
  type InvoiceIssued,
  issuedFor,
  KIT_YEAR,
  orderAccepted,
  type OrderCancelled,
  orderCancelled,
  paidReport,
  paymentIdOf,
} from './billing-test-kit';

type PaymentRefunded = PayloadOf<typeof paymentRefundedV1>;

const FROM_KAFKA = 16;
const PAID_FROM_KAFKA = 12;
const DUPLICATES = 4;
const DIRECT = 8;
/** Every second direct settlement rolls back after taking its numbers. */
const rolledBack = (i: number) => i % 2 === 1;

class RolledBackOnPurpose extends Error {}

/**
 * Gapless credit note and refund numbers under concurrency: orders cancelled at once by the consumer
 * (several partitions in parallel) while duplicate payments arrive for some of them, and by direct
 * settlements in transactions of their own, some of which roll back after taking their numbers.
 * The numbers that remain must be exactly 1..N of the clock's year in each series, every refund carried
 * out and announced once, and every invoice's books balanced.
 */
describe('billing: credit note and refund numbers under concurrent settling', () => {
  let billing: ServiceApp;
  let events: EventCollector;
  const year = KIT_YEAR;

  const issue = async (count: number) => {
    const orders = Array.from({ length: count }, () => orderAccepted());
    await produceRaw(
      topicOf(orderAcceptedV1, billing.topicPrefix),
      orders.map((order) => envelopeMessage(orderAcceptedV1, order.orderId, order)),
    );
    return Promise.all(orders.map(async (order) => ({ order, issued: await issuedFor(events, order.orderId) })));
  };
  const pay = async (invoices: InvoiceIssued[]) => {
    await produceRaw(
      topicOf(paymentRecordV1, billing.topicPrefix),
      invoices.map((issued) => envelopeMessage(paymentRecordV1, paymentIdOf(issued), paidReport(paymentIdOf(issued), issued.grossCents))),
    );
    await Promise.all(
      invoices.map((issued) => events.waitFor(invoicePaidV1.type, (e) => (e.payload as { invoiceNumber: string }).invoiceNumber === issued.invoiceNumber)),
    );
  };
  const numbersOf = async (table: 'credit_notes' | 'refunds') =>
    (await billing.db.query(`SELECT number FROM ${table} ORDER BY number`)).rows.map((row) => row.number as string);
  const series = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${year}-${String(i + 1).padStart(6, '0')}`);

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }), {
      CONSUMER_CONCURRENCY: '3',
      KAFKA_PARTITIONS: '3',
    });
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  it('are 1..N in each series without gaps or duplicates', async () => {
    const viaKafka = await issue(FROM_KAFKA);
    const direct = await issue(DIRECT);
    await pay([...viaKafka.slice(0, PAID_FROM_KAFKA), ...direct].map(({ issued }) => issued));

    const handler = billing.app.get(OrderCancelledHandler);
    const unitOfWork = billing.app.get(UnitOfWork);
    const outbox = billing.app.get(Outbox);
    const cancellations = viaKafka.map(({ order }) => envelopeMessage(orderCancelledV1, order.orderId, orderCancelled(order)));
    const duplicates = viaKafka.slice(0, DUPLICATES).map(({ issued }) => {
      const report = paidReport(paymentIdOf(issued), issued.grossCents);
      return envelopeMessage(paymentRecordV1, report.paymentId, report);
    });
    const fromKafka = Promise.all([
      produceRaw(topicOf(orderCancelledV1, billing.topicPrefix), cancellations),
      produceRaw(topicOf(paymentRecordV1, billing.topicPrefix), duplicates),
    ]);
    const directly = Promise.allSettled(
      direct.map(({ order }, i) =>
        unitOfWork.run(async (manager) => {
          const envelope: EventEnvelope<OrderCancelled> = {
            id: randomUUID(),
            type: orderCancelledV1.type,
            version: orderCancelledV1.version,
            source: 'order',
            occurredAt: clock.now().toISOString(),
            correlationId: randomUUID(),
            causationId: null,
            key: order.orderId,
            payload: orderCancelled(order, { reason: 'provisioning_failed' }),
          };
          await handler.onOrderCancelled(envelope, new EventContext(envelope, manager, outbox));
          if (rolledBack(i)) throw new RolledBackOnPurpose(`order ${order.orderId}'s numbers are given back`);
        }),
      ),
    );
    await fromKafka;
    const outcomes = await directly;
    for (const [i, outcome] of outcomes.entries()) expect(outcome.status).toBe(rolledBack(i) ? 'rejected' : 'fulfilled');

    const keptDirect = direct.filter((_, i) => !rolledBack(i)).length;
    const creditNotes = FROM_KAFKA + keptDirect;
    // Each paid invoice cancelled is refunded, and so is each duplicate (as a duplicate or a late payment).
    const refunds = PAID_FROM_KAFKA + DUPLICATES + keptDirect;
    await eventually(
      () => billing.db.query(`SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS n FROM refunds`).then((r) => r.rows[0].n as number),
      (n) => n >= refunds,
      60_000,
      `${refunds} refunds carried out`,
    );
    expect(await numbersOf('credit_notes')).toEqual(series('CN', creditNotes));
    expect(await numbersOf('refunds')).toEqual(series('RF', refunds));
    const counters = await billing.db.query(
      `SELECT (SELECT last FROM credit_note_number_counters WHERE year = $1) AS credit_notes, (SELECT last FROM refund_number_counters WHERE year = $1) AS refunds`,
      [year],
    );
    expect(counters.rows).toEqual([{ credit_notes: creditNotes, refunds }]);

    // The rolled-back settlements left nothing behind: those invoices are still paid.
    const statuses = await billing.db.query(`SELECT order_id, status FROM invoices WHERE order_id = ANY($1)`, [direct.map(({ order }) => order.orderId)]);
    const statusOf = new Map(statuses.rows.map((row) => [row.order_id as string, row.status as string]));
    direct.forEach(({ order }, i) => expect(statusOf.get(order.orderId)).toBe(rolledBack(i) ? 'paid' : 'cancelled'));

    // Each refund was announced once, after the provider confirmed it.
    const announced = await eventually(
      async () => events.events().filter((e) => e.type === paymentRefundedV1.type),
      (found) => found.length >= refunds,
      30_000,
      `${refunds} payment.refunded`,
    );
    const refundNumbers = (announced as EventEnvelope<PaymentRefunded>[]).map((e) => e.payload.refundNumber);
    expect([...refundNumbers].sort()).toEqual(series('RF', refunds));
    const atProvider = await billing.db.query(`SELECT count(*)::int AS n FROM sandbox_refunds`);
    expect(atProvider.rows[0].n).toBe(refunds);
    expect(await balanceViolations(billing)).toEqual([]);
  });
});
