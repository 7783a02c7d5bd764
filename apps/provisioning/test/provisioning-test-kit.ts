import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  type EventDefinition,
  type EventEnvelope,
  orderPaidV1,
  orderPlacedV1,
  type PayloadOf,
  topicOf,
} from '@rental/contracts';
import { ProvisioningModule } from '../src/provisioning.module';
import { loadProvisioningSettings, type ProvisioningSettings } from '../src/provisioning-settings';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, type RawMessage } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';

export type OrderPlaced = PayloadOf<typeof orderPlacedV1>;

/** The service in this process with a driver fast enough for tests; `env` as the service would read it. */
export function startProvisioning(env: Record<string, string> = {}): Promise<ServiceApp> {
  const settings: ProvisioningSettings = loadProvisioningSettings({ SIMULATED_DRIVER_STEP_MS: '5', ...env });
  return startServiceApp('provisioning', (config) => ProvisioningModule.register(config, settings));
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

export function placedMessage(order: OrderPlaced): RawMessage {
  return envelopeMessage(orderPlacedV1, order.orderId, order);
}

export function paidMessage(orderId: string): RawMessage {
  return envelopeMessage(orderPaidV1, orderId, { orderId, invoiceNumber: '2026-000042', paidAt: new Date().toISOString() });
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
  return events
    .events()
    .filter((event) => event.type === definition.type && event.version === definition.version && event.key === orderId) as EventEnvelope<
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
