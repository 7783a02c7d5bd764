/** @jest-environment ./test/support/time-zone-environment.ts */
import { creditNoteIssuedV1, eventsTopic, invoicePaidV1, orderAcceptedV1, orderCancelledV1, type PayloadOf, paymentRecordV1 } from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, issuedFor, orderAccepted, orderCancelled, paidReport, paymentIdOf, send } from './billing-test-kit';

type CreditNoteIssued = PayloadOf<typeof creditNoteIssuedV1>;
const { setTimeZone } = globalThis as unknown as { setTimeZone: (zone: string) => void };

/**
 * The three series across a year change: invoices, credit notes and refunds issued just before
 * and just after 2027-01-01T00:00:00Z continue 2026's series and then start 2027's at 000001.
 * The year is the UTC year of the moment a document is issued, whatever zone the service runs
 * in: the process is moved to a zone where the local year differs from the UTC year at that moment.
 */
describe('billing: document numbers across the year change, in UTC', () => {
  let billing: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }));
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
    // 2026 has seen 122 of each document before this test.
    for (const table of ['invoice_number_counters', 'credit_note_number_counters', 'refund_number_counters']) {
      await billing.db.query(`INSERT INTO ${table} (year, last) VALUES (2026, 122)`);
    }
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  /** At `moment`, in `timeZone`: an order invoiced, paid and cancelled, so it gets one of each document. */
  const documentsAt = async (moment: string, timeZone: string) => {
    setTimeZone(timeZone);
    clock.advance(Date.parse(moment) - clock.now().getTime());
    const order = orderAccepted();
    await send(billing, orderAcceptedV1, order.orderId, order);
    const issued = await issuedFor(events, order.orderId);
    await send(billing, paymentRecordV1, paymentIdOf(issued), paidReport(paymentIdOf(issued), issued.grossCents));
    await events.waitFor(invoicePaidV1.type, (e) => (e.payload as { invoiceNumber: string }).invoiceNumber === issued.invoiceNumber);
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order));
    const creditNote = await events.waitFor<CreditNoteIssued>(creditNoteIssuedV1.type, (e) => e.payload.invoiceNumber === issued.invoiceNumber);
    // The refund is numbered in the transaction that issues the credit note.
    const refunds = await billing.db.query(`SELECT number FROM refunds WHERE invoice_number = $1`, [issued.invoiceNumber]);
    return {
      // The clock moves on in real time: this shows the documents were issued in the minute meant.
      issuedAt: [issued.issuedAt, creditNote.payload.issuedAt].map((at) => new Date(at).toISOString().slice(0, 16)),
      numbers: [issued.invoiceNumber, creditNote.payload.creditNoteNumber, ...refunds.rows.map((r) => r.number)],
    };
  };

  it('continues 2026 up to midnight UTC and starts 2027 at 000001 from it, for invoices, credit notes and refunds', async () => {
    // Already 2027 in Amsterdam, still 2026 in UTC.
    expect(await documentsAt('2027-01-01T00:30:00+01:00', 'Europe/Amsterdam')).toEqual({
      issuedAt: ['2026-12-31T23:30', '2026-12-31T23:30'],
      numbers: ['2026-000123', 'CN-2026-000123', 'RF-2026-000123'],
    });
    expect(await documentsAt('2026-12-31T23:59:00Z', 'Europe/Amsterdam')).toEqual({
      issuedAt: ['2026-12-31T23:59', '2026-12-31T23:59'],
      numbers: ['2026-000124', 'CN-2026-000124', 'RF-2026-000124'],
    });
    expect(await documentsAt('2027-01-01T00:00:00Z', 'Atlantic/Azores')).toEqual({
      issuedAt: ['2027-01-01T00:00', '2027-01-01T00:00'],
      numbers: ['2027-000001', 'CN-2027-000001', 'RF-2027-000001'],
    });
    // Still 2026 in the Azores, already 2027 in UTC.
    expect(await documentsAt('2026-12-31T23:30:00-01:00', 'Atlantic/Azores')).toEqual({
      issuedAt: ['2027-01-01T00:30', '2027-01-01T00:30'],
      numbers: ['2027-000002', 'CN-2027-000002', 'RF-2027-000002'],
    });

    const last = async (table: string) => (await billing.db.query(`SELECT year, last FROM ${table} ORDER BY year`)).rows.map((r) => [r.year, r.last]);
    for (const table of ['invoice_number_counters', 'credit_note_number_counters', 'refund_number_counters']) {
      expect(await last(table)).toEqual([
        [2026, 124],
        [2027, 2],
      ]);
    }
  });
});
