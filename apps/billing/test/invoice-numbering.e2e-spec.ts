import { eventsTopic, invoiceIssuedV1, orderAcceptedV1, type PayloadOf, topicOf } from '@rental/contracts';
import { UnitOfWork } from '@rental/persistence';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { InvoiceIssuer } from '../src/application/common/invoice-issuer';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, KIT_YEAR, orderAccepted } from './billing-test-kit';

const FROM_KAFKA = 40;
const DIRECT = 24;
/** Every third direct issue rolls back after taking its number. */
const rolledBack = (i: number) => i % 3 === 2;

class RolledBackOnPurpose extends Error {}

/**
 * Gapless numbering under concurrency: invoices issued at once by the consumer (several partitions
 * in parallel) and by direct calls in transactions of their own, some of which roll back after
 * taking a number. The numbers that remain must be exactly 1..N of the year on billing's clock.
 */
describe('billing: invoice numbers under concurrent issuing', () => {
  let billing: ServiceApp;
  const year = KIT_YEAR;

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }), {
      CONSUMER_CONCURRENCY: '3',
      KAFKA_PARTITIONS: '3',
    });
  });

  afterAll(async () => {
    await billing?.close();
  });

  it('are 1..N without gaps or duplicates', async () => {
    const issuer = billing.app.get(InvoiceIssuer);
    const unitOfWork = billing.app.get(UnitOfWork);
    const kafkaOrders = Array.from({ length: FROM_KAFKA }, () => orderAccepted());
    const directOrders = Array.from({ length: DIRECT }, () => orderAccepted());

    const fromKafka = produceRaw(
      topicOf(orderAcceptedV1, billing.topicPrefix),
      kafkaOrders.map((order) => envelopeMessage(orderAcceptedV1, order.orderId, order)),
    );
    const direct = Promise.allSettled(
      directOrders.map((order, i) =>
        unitOfWork.run(async (manager) => {
          const issued = await issuer.issueFor(manager, order);
          if (rolledBack(i)) throw new RolledBackOnPurpose(`${issued?.invoice.number} is given back`);
          return issued!.invoice.number;
        }),
      ),
    );
    await fromKafka;
    const outcomes = await direct;

    const keptDirect = directOrders.filter((_, i) => !rolledBack(i)).length;
    const expected = FROM_KAFKA + keptDirect;
    for (const [i, outcome] of outcomes.entries()) {
      if (rolledBack(i)) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(RolledBackOnPurpose) });
      else expect(outcome).toMatchObject({ status: 'fulfilled' });
    }
    const numbers = await eventually(
      () => billing.db.query(`SELECT number FROM invoices`).then((r) => r.rows.map((row) => row.number as string)),
      (found) => found.length >= expected,
      60_000,
      `${expected} invoices`,
    );

    const sequence = (n: number) => `${year}-${String(n).padStart(6, '0')}`;
    expect([...numbers].sort()).toEqual(Array.from({ length: expected }, (_, i) => sequence(i + 1)));
    const counter = await billing.db.query(`SELECT last FROM invoice_number_counters WHERE year = $1`, [year]);
    expect(counter.rows).toEqual([{ last: expected }]);
    // The rolled-back issues left nothing behind, and each kept direct issue has its number.
    const invoicedOrders = new Set((await billing.db.query(`SELECT order_id FROM invoices`)).rows.map((r) => r.order_id as string));
    directOrders.forEach((order, i) => expect(invoicedOrders.has(order.orderId)).toBe(!rolledBack(i)));
    kafkaOrders.forEach((order) => expect(invoicedOrders.has(order.orderId)).toBe(true));

    // Every order from Kafka was announced once, each with its own number.
    // Each comes with its books (invoice.balance-changed), read past and left out here.
    const published = await readAll(eventsTopic('billing', billing.topicPrefix), 2 * FROM_KAFKA);
    const announced = published.filter((m) => m.headers?.ce_type?.toString() === invoiceIssuedV1.type);
    const announcedNumbers = announced.map((m) => (JSON.parse(m.value!.toString()) as PayloadOf<typeof invoiceIssuedV1>).invoiceNumber);
    expect(new Set(announcedNumbers).size).toBe(FROM_KAFKA);
  });
});
