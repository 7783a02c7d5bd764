import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  EnvelopeHeader,
  type EventDefinition,
  type EventEnvelope,
  hostRegisteredV1,
  inventoryChangeAppliedV1,
  inventoryChangeRejectedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderPaidV1,
  orderPlacedV1,
  type PayloadOf,
  topicOf,
} from '@rental/contracts';
import type { PlatformOverrides } from '@rental/service-kit';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, type RawMessage } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { CAPACITY_LEAKS_SQL, type CapacityLeak } from '../src/infrastructure/capacity-leaks';
import { ProvisioningModule } from '../src/provisioning.module';
import { loadProvisioningSettings, type ProvisioningSettings } from '../src/provisioning-settings';

export type OrderPlaced = PayloadOf<typeof orderPlacedV1>;
export type OrderCancelled = PayloadOf<typeof orderCancelledV1>;

/** What the simulated datacentre's control endpoint requires in X-Operator-Token, in these tests. */
export const OPERATOR_TOKEN = 'provisioning-test-operator-token';

/** Driver steps, retry pauses and timer polls short enough for tests; `env` overrides them as the service would read it. */
export function testSettings(env: Record<string, string> = {}): ProvisioningSettings {
  return loadProvisioningSettings({
    SIMULATED_DRIVER_STEP_MS: '5',
    PROVISIONING_RETRY_BASE_MS: '20',
    TIMER_POLL_MS: '100',
    PROVISIONING_OPERATOR_TOKEN: OPERATOR_TOKEN,
    ...env,
  });
}

/** The service in this process with testSettings; `platform` swaps the clock, e.g. for one a test moves. */
export function startProvisioning(env: Record<string, string> = {}, platform: PlatformOverrides = {}): Promise<ServiceApp> {
  const settings = testSettings(env);
  return startServiceApp('provisioning', (config) => ProvisioningModule.register(config, settings, platform));
}

/** An order.placed as the order service would publish it, for one small machine in ams1 unless told otherwise. */
export function orderPlaced(overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  const example = orderPlacedV1.example as OrderPlaced;
  return {
    ...example,
    orderId: randomUUID(),
    quoteId: randomUUID(),
    resources: { vcpu: 2, memoryMb: 4_096, diskGb: 80 },
    quantity: 1,
    placedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The order service's provisioning lead in these tests: a rental's machines are planned this long before its start. */
export const LEAD_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** An order.placed at `placedAt` for a rental of `days` from `start`, its provisioning planned the lead before the start. */
export function rentalPlaced(start: Date, days: number, placedAt: Date, overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  return orderPlaced({
    period: { start: start.toISOString(), end: new Date(start.getTime() + days * DAY_MS).toISOString() },
    provisioningFrom: new Date(start.getTime() - LEAD_MS).toISOString(),
    placedAt: placedAt.toISOString(),
    ...overrides,
  });
}

export function placedMessage(order: OrderPlaced): RawMessage {
  return envelopeMessage(orderPlacedV1, order.orderId, order);
}

/** An order.paid as the order service would publish it; with `provisionAt`, for a rental whose provisioning starts then. */
export function paidMessage(orderId: string, provisionAt?: Date, paidAt = new Date()): RawMessage {
  return envelopeMessage(orderPaidV1, orderId, {
    orderId,
    invoiceNumber: '2026-000042',
    paidAt: paidAt.toISOString(),
    ...(provisionAt === undefined ? {} : { provisionAt: provisionAt.toISOString() }),
  });
}

/** An order.extended: the rental that ended at `previousEnd` now ends at `newEnd`. */
export function extendedMessage(orderId: string, previousEnd: Date, newEnd: Date, extendedAt = new Date()): RawMessage {
  return envelopeMessage(orderExtendedV1, orderId, {
    orderId,
    customerId: randomUUID(),
    extensionId: randomUUID(),
    invoiceNumber: '2026-000057',
    previousEnd: previousEnd.toISOString(),
    newEnd: newEnd.toISOString(),
    extendedAt: extendedAt.toISOString(),
  });
}

/** An order.cancelled as the order service would publish it: by the customer, before anything ran, unless told otherwise. */
export function cancelledMessage(orderId: string, overrides: Partial<OrderCancelled> = {}): RawMessage {
  const payload: OrderCancelled = {
    orderId,
    customerId: randomUUID(),
    reason: 'customer_cancelled',
    detail: 'cancelled by the customer',
    settlement: 'full',
    wasRunning: false,
    cancelledAt: new Date().toISOString(),
    ...overrides,
  };
  return envelopeMessage(orderCancelledV1, orderId, payload);
}

export function endedMessage(orderId: string): RawMessage {
  const payload = { orderId, customerId: randomUUID(), endedAt: new Date().toISOString(), appliedExtensionIds: [] };
  return envelopeMessage(orderEndedV1, orderId, payload);
}

/** The same event published again under a new id, as a producer that lost its acknowledgement would. */
export function republished(message: RawMessage): RawMessage {
  return { ...message, headers: { ...message.headers, [EnvelopeHeader.id]: randomUUID() } };
}

/** Waits until the service has handled the message (its id is in the inbox). */
export function handled(app: ServiceApp, message: RawMessage): Promise<unknown> {
  const eventId = String(message.headers[EnvelopeHeader.id]);
  return eventually(
    () => app.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [eventId]),
    (result) => result.rowCount === 1,
    30_000,
    `event ${eventId} handled`,
  );
}

/** POST /simulated-datacentre/orders/:orderId, as an operator's test or demo would (`token` in X-Operator-Token). */
export function forceFaults(app: ServiceApp, orderId: string, body: unknown, token: string | null = OPERATOR_TOKEN): Promise<Response> {
  return fetch(`${app.baseUrl}/simulated-datacentre/orders/${orderId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-operator-token': token }) },
    body: JSON.stringify(body),
  });
}

/** What the service still holds that no running machine uses (see CAPACITY_LEAKS_SQL). */
export async function capacityLeaks(app: ServiceApp): Promise<CapacityLeak[]> {
  return (await app.db.query<CapacityLeak>(CAPACITY_LEAKS_SQL)).rows;
}

/** Sends messages on the order service's topic, in this order (one key keeps one partition). */
export function sendOrderEvents(app: ServiceApp, messages: RawMessage[]): Promise<void> {
  return produceRaw(topicOf(orderPlacedV1, app.topicPrefix), messages);
}

/** A new, valid OpenSSH ed25519 public key line. */
export function sshPublicKey(comment = 'ops@example'): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

/** Every event the service has published so far, decoded with the platform's contracts. */
export function watchProvisioningEvents(app: ServiceApp): Promise<EventCollector> {
  return collectEvents([topicOf(capacityReservedV1, app.topicPrefix)]);
}

/** The events of one definition about one order, in the order they were published. */
export function eventsOf<D extends EventDefinition>(events: EventCollector, definition: D, orderId: string): EventEnvelope<PayloadOf<D>>[] {
  return events.events().filter((event) => event.type === definition.type && event.version === definition.version && event.key === orderId) as EventEnvelope<
    PayloadOf<D>
  >[];
}

/** Waits until at least `count` such events have arrived, and returns them all. */
export function awaitEvents<D extends EventDefinition>(
  events: EventCollector,
  definition: D,
  orderId: string,
  count = 1,
  timeoutMs = 30_000,
): Promise<EventEnvelope<PayloadOf<D>>[]> {
  return eventually(
    async () => eventsOf(events, definition, orderId),
    (found) => found.length >= count,
    timeoutMs,
    `${count} × ${definition.type} for order ${orderId}`,
  );
}

export type InventoryApplied = PayloadOf<typeof inventoryChangeAppliedV1>;
export type InventoryRejected = PayloadOf<typeof inventoryChangeRejectedV1>;
export type InventoryAnswer = EventEnvelope<InventoryApplied | InventoryRejected>;

/** An event of the datacentre inventory, as that system would publish it. */
export function inventoryMessage<D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>): RawMessage {
  return envelopeMessage(definition, key, payload, { source: 'inventory' });
}

/** Sends messages on the inventory's topic, in this order. */
export function sendInventoryEvents(app: ServiceApp, messages: RawMessage[]): Promise<void> {
  return produceRaw(topicOf(hostRegisteredV1, app.topicPrefix), messages);
}

/** Every inventory-change.applied or .rejected that answers this message so far. */
export function answersTo(events: EventCollector, message: RawMessage): InventoryAnswer[] {
  const sourceEventId = String(message.headers[EnvelopeHeader.id]);
  return events
    .events()
    .filter(
      (event) =>
        (event.type === inventoryChangeAppliedV1.type || event.type === inventoryChangeRejectedV1.type) &&
        (event.payload as { sourceEventId: string }).sourceEventId === sourceEventId,
    ) as InventoryAnswer[];
}

/** Waits for the (first) answer to an inventory event. */
export async function awaitAnswer(events: EventCollector, message: RawMessage): Promise<InventoryAnswer> {
  const [answer] = await eventually(
    async () => answersTo(events, message),
    (found) => found.length > 0,
    30_000,
    `the answer to ${String(message.headers[EnvelopeHeader.type])} ${String(message.headers[EnvelopeHeader.id])}`,
  );
  return answer;
}

/** Sends one inventory event and waits for its answer. */
export async function sendAndAnswer(app: ServiceApp, events: EventCollector, message: RawMessage): Promise<InventoryAnswer> {
  await sendInventoryEvents(app, [message]);
  return awaitAnswer(events, message);
}
