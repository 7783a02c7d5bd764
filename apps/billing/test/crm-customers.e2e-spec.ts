import { customerRegisteredV1, customerUpdatedV1, eventsTopic, orderAcceptedV1, type PayloadOf } from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, dutchBusiness, type InvoiceIssued, issuedFor, type OrderAccepted, orderAccepted, processed, send } from './billing-test-kit';

type CustomerRegistered = PayloadOf<typeof customerRegisteredV1>;
type CustomerUpdated = PayloadOf<typeof customerUpdatedV1>;
type Address = CustomerRegistered['billingAddress'];

const rotterdam: Address = { line1: 'Havenstraat 12', postalCode: '3011 AB', city: 'Rotterdam', country: 'NL' };
const utrecht: Address = { line1: 'Oudegracht 99', line2: '2nd floor', postalCode: '3511 AE', city: 'Utrecht', country: 'NL' };

/** The CRM's record of the customer an order was accepted for, as the CRM publishes it. */
function crmRecord(order: OrderAccepted, billingAddress: Address) {
  const { customer } = order;
  return {
    customerId: customer.customerId,
    companyName: customer.name,
    kind: customer.kind,
    billingAddress,
    country: customer.country,
    ...(customer.vatNumber === undefined ? {} : { vatNumber: customer.vatNumber }),
    language: customer.language,
    contactEmail: customer.email,
  };
}

/** customer.registered / customer.updated in, and the billing address on the invoices issued after them. */
describe('billing: invoices carry the billing address from the CRM', () => {
  let billing: ServiceApp;
  let events: EventCollector;

  const register = (order: OrderAccepted, address: Address, registeredAt: string) =>
    send(billing, customerRegisteredV1, order.customer.customerId, { ...crmRecord(order, address), registeredAt } satisfies CustomerRegistered);
  const update = (order: OrderAccepted, address: Address, updatedAt: string) =>
    send(billing, customerUpdatedV1, order.customer.customerId, { ...crmRecord(order, address), updatedAt } satisfies CustomerUpdated);
  const invoice = async (order: OrderAccepted): Promise<InvoiceIssued> => {
    await send(billing, orderAcceptedV1, order.orderId, order);
    return issuedFor(events, order.orderId);
  };
  /** A second order of the same customer. */
  const another = (order: OrderAccepted): OrderAccepted => orderAccepted(order.customer);
  const storedAddress = async (issued: InvoiceIssued) =>
    (await billing.db.query(`SELECT customer_billing_address FROM invoices WHERE number = $1`, [issued.invoiceNumber])).rows[0].customer_billing_address;
  const checkoutPage = async (issued: InvoiceIssued) => (await fetch(issued.checkoutUrl.replace(/^https?:\/\/[^/]+/, billing.baseUrl))).text();

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }));
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  it('invoices a customer the CRM registered with their billing address, stored and shown at checkout', async () => {
    const order = orderAccepted(dutchBusiness());
    await processed(billing, await register(order, rotterdam, '2026-11-25T08:30:00Z'));

    const issued = await invoice(order);
    expect(issued.billingAddress).toEqual(rotterdam);
    expect(await storedAddress(issued)).toEqual(rotterdam);
    expect(await checkoutPage(issued)).toContain('<dd id="billing-address">Havenstraat 12<br>3011 AB Rotterdam<br>NL</dd>');
  });

  it('gives invoices issued after customer.updated the new address, and leaves the ones issued before it as they were', async () => {
    const first = orderAccepted(dutchBusiness());
    await processed(billing, await register(first, rotterdam, '2026-11-25T08:30:00Z'));
    const before = await invoice(first);

    await processed(billing, await update(first, utrecht, '2026-11-26T10:00:00Z'));
    const after = await invoice(another(first));
    expect(after.billingAddress).toEqual(utrecht);
    expect(await storedAddress(after)).toEqual(utrecht);
    expect(await checkoutPage(after)).toContain('<dd id="billing-address">Oudegracht 99<br>2nd floor<br>3511 AE Utrecht<br>NL</dd>');

    expect(before.billingAddress).toEqual(rotterdam);
    expect(await storedAddress(before)).toEqual(rotterdam);
    expect(await checkoutPage(before)).toContain('Havenstraat 12');
  });

  it('ignores a record older than the one it holds, whichever of the two events brings it', async () => {
    const order = orderAccepted(dutchBusiness());
    // An update of a customer billing has not seen registered registers them...
    await processed(billing, await update(order, utrecht, '2026-11-26T10:00:00Z'));
    // ...and the registration and an update from before it, arriving late, change nothing.
    await processed(billing, await register(order, rotterdam, '2026-11-25T08:30:00Z'), await update(order, rotterdam, '2026-11-25T09:00:00Z'));

    expect((await invoice(order)).billingAddress).toEqual(utrecht);
  });

  it('invoices a customer the CRM does not know (created through the gateway) without an address', async () => {
    const issued = await invoice(orderAccepted(dutchBusiness()));
    expect(issued).not.toHaveProperty('billingAddress');
    expect(await storedAddress(issued)).toBeNull();
    expect(await checkoutPage(issued)).not.toContain('id="billing-address"');
  });
});
