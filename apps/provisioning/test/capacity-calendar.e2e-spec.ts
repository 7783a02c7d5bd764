import { capacityReservedV1, capacityUnavailableV1, machineRunningV2 } from '@rental/contracts';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOST_CAPACITY, SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  LEAD_MS,
  type OrderPlaced,
  paidMessage,
  placedMessage,
  rentalPlaced,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

const DAY = 86_400_000;
const small = { vcpu: 2, memoryMb: 4_096, diskGb: 40 };
const wholeHost = { ...SEEDED_HOST_CAPACITY };

/**
 * The capacity calendar through order.placed on the real broker and database: a rental is placed
 * if its hosts have room over the time its machines will exist, whatever they hold before or
 * after. The clock stands at a fixed date.
 */
describe("capacity over a rental's time", () => {
  const clock = new AdjustableClock(new Date('2031-06-02T09:00:00Z'));
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({}, { clock });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY);
  /** An order.placed now for `days` from `start`, provisioning planned the lead before the start. */
  const rental = (locationCode: string, start: Date, days: number, overrides: Partial<OrderPlaced> = {}): OrderPlaced =>
    rentalPlaced(start, days, clock.now(), { locationCode, resources: small, ...overrides });
  const reservedHosts = async (order: OrderPlaced) => {
    await sendOrderEvents(app, [placedMessage(order)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    return reserved.payload.hosts.map((entry) => entry.hostId).sort();
  };
  const refusal = async (order: OrderPlaced) => {
    await sendOrderEvents(app, [placedMessage(order)]);
    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, order.orderId);
    return unavailable.payload.detail;
  };

  it('refuses a rental next week on hosts that are free today but full from next week, and takes one over before then', async () => {
    const nextWeek = rental('fra1', inDays(7), 30, { resources: wholeHost, quantity: 2 });
    expect(await reservedHosts(nextWeek)).toEqual([...SEEDED_HOSTS.fra1].sort());

    expect(await refusal(rental('fra1', inDays(8), 7))).toBe('only 0 of 1 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 2 eligible hosts in fra1');
    expect(await refusal(rental('fra1', inDays(1), 7))).toMatch(/^only 0 of 1 /);
    expect(await reservedHosts(rental('fra1', inDays(1), 5))).toHaveLength(1);
  });

  it('takes a rental next month on hosts that are full today but free from next month, back to back with the machines there', async () => {
    const thisMonth = rental('ams1', new Date(clock.now().getTime() + LEAD_MS / 2), 30, { resources: wholeHost, quantity: 3 });
    await sendOrderEvents(app, [placedMessage(thisMonth), paidMessage(thisMonth.orderId, undefined, clock.now())]);
    await awaitEvents(events, machineRunningV2, thisMonth.orderId, 3);

    expect(await refusal(rental('ams1', inDays(2), 7))).toMatch(/^only 0 of 1 .* on the 3 eligible hosts in ams1$/);
    // Its machines must be running at its start, so the next rental's provisioning begins as this month's ends.
    const thisMonthEnds = Date.parse(thisMonth.period.end);
    expect(await refusal(rental('ams1', new Date(thisMonthEnds), 30, { resources: wholeHost }))).toMatch(/^only 0 of 1 /);
    const nextMonth = rental('ams1', new Date(thisMonthEnds + LEAD_MS), 30, { resources: wholeHost, quantity: 3 });
    expect(await reservedHosts(nextMonth)).toEqual([...SEEDED_HOSTS.ams1].sort());
  });
});
