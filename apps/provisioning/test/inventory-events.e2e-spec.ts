import { randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  deadLetterTopic,
  EnvelopeHeader,
  hostCapacityChangedV1,
  hostMaintenanceScheduledV1,
  hostRegisteredV1,
  hostRetiredV1,
  ipRangeAddedV1,
  ipRangeRemovedV1,
  machineDeprovisionedV1,
  machineRunningV2,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import type { EventCollector } from '../../../test/support/event-collector';
import { envelopeMessage, type RawMessage, readAll } from '../../../test/support/raw-kafka';
import type { ServiceApp } from '../../../test/support/service-app';
import { INVENTORY_SEED_EVENTS } from '../src/infrastructure/inventory-seed-events';
import {
  answersTo,
  awaitAnswer,
  awaitEvents,
  endedMessage,
  handled,
  inventoryMessage,
  orderPlaced,
  paidMessage,
  placedMessage,
  republished,
  sendAndAnswer,
  sendInventoryEvents,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

const now = () => new Date().toISOString();
const size = { vcpu: 8, memoryMb: 16_384, diskGb: 200 };
const sizeText = '8 vCPU, 16384 MB memory, 200 GB disk';
const machine = { vcpu: 2, memoryMb: 4_096, diskGb: 40 };

const registered = (hostId: string, locationCode: string, capacity = size) =>
  inventoryMessage(hostRegisteredV1, hostId, { hostId, locationCode, capacity, registeredAt: now() });
const rangeAdded = (rangeId: string, locationCode: string, cidr: string) =>
  inventoryMessage(ipRangeAddedV1, rangeId, { rangeId, locationCode, cidr, addedAt: now() });
const rangeRemoved = (rangeId: string) => inventoryMessage(ipRangeRemovedV1, rangeId, { rangeId, removedAt: now() });
const capacityChanged = (hostId: string, capacity: typeof size) => inventoryMessage(hostCapacityChangedV1, hostId, { hostId, capacity, changedAt: now() });
const maintenance = (hostId: string) => inventoryMessage(hostMaintenanceScheduledV1, hostId, { hostId, from: now() });
const retired = (hostId: string) => inventoryMessage(hostRetiredV1, hostId, { hostId, retiredAt: now() });
const idOf = (message: RawMessage) => String(message.headers[EnvelopeHeader.id]);

/**
 * The datacentre inventory's events on the real broker and database: every one is applied to the
 * hosts and address pools or refused with its reason, and answered either way.
 */
describe('inventory events', () => {
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning();
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  /** Sends the message and expects exactly this inventory-change.applied, caused by it and keyed by its subject. */
  const expectApplied = async (message: RawMessage, subjectId: string, detail: string | RegExp) => {
    const answer = await sendAndAnswer(app, events, message);
    expect(answer.type).toBe('inventory-change.applied');
    expect(answer.key).toBe(subjectId);
    expect(answer.causationId).toBe(idOf(message));
    expect(answer.payload).toEqual({
      sourceEventId: idOf(message),
      sourceType: message.headers[EnvelopeHeader.type],
      subjectId,
      detail: typeof detail === 'string' ? detail : expect.stringMatching(detail),
      appliedAt: expect.any(String),
    });
  };

  /** Sends the message and expects exactly this inventory-change.rejected. */
  const expectRejected = async (message: RawMessage, subjectId: string, reason: string, detail: string | RegExp) => {
    const answer = await sendAndAnswer(app, events, message);
    expect(answer.type).toBe('inventory-change.rejected');
    expect(answer.key).toBe(subjectId);
    expect(answer.payload).toEqual({
      sourceEventId: idOf(message),
      sourceType: message.headers[EnvelopeHeader.type],
      subjectId,
      reason,
      detail: typeof detail === 'string' ? detail : expect.stringMatching(detail),
      rejectedAt: expect.any(String),
    });
  };

  const hostRow = async (hostId: string) =>
    (await app.db.query(`SELECT location_code, vcpu, memory_mb, disk_gb, status FROM hosts WHERE id = $1`, [hostId])).rows;

  it('registers a host and a range in a new location: the host takes orders, the range gives its addresses', async () => {
    const hostId = randomUUID();
    await expectApplied(registered(hostId, 'lon1'), hostId, `host ${hostId} registered in lon1 with ${sizeText}`);
    expect(await hostRow(hostId)).toEqual([{ location_code: 'lon1', vcpu: 8, memory_mb: 16_384, disk_gb: 200, status: 'active' }]);

    // A host without addresses cannot take a machine: the range is what makes it usable.
    const early = orderPlaced({ locationCode: 'lon1', resources: machine });
    await sendOrderEvents(app, [placedMessage(early)]);
    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, early.orderId);
    expect(unavailable.payload.detail).toBe('only 0 IP addresses are free in lon1 for 1 machines');

    const rangeId = randomUUID();
    await expectApplied(rangeAdded(rangeId, 'lon1', '192.0.2.0/29'), rangeId, `range ${rangeId}: 192.0.2.0/29 joins the pool of lon1 (6 usable addresses)`);
    const order = orderPlaced({ locationCode: 'lon1', resources: machine });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    expect(reserved.payload.hosts).toEqual([{ hostId, machines: 1 }]);
    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    expect(running.payload.ipAddress).toBe('192.0.2.1');
  });

  it('answers a host or range told again under a new event id as a success that changes nothing, a redelivery once', async () => {
    const hostId = randomUUID();
    const rangeId = randomUUID();
    const first = registered(hostId, 'par1');
    await expectApplied(first, hostId, `host ${hostId} registered in par1 with ${sizeText}`);
    const before = await app.db.query(`SELECT * FROM hosts WHERE id = $1`, [hostId]);

    await expectApplied(republished(first), hostId, `host ${hostId} is already registered in par1 with ${sizeText}: nothing changed`);
    // The same event id again goes no further than the inbox; a later event of the host shows it was read.
    const later = republished(first);
    await sendInventoryEvents(app, [first, later]);
    await handled(app, later);
    expect(answersTo(events, first)).toHaveLength(1);
    expect((await app.db.query(`SELECT * FROM hosts WHERE id = $1`, [hostId])).rows).toEqual(before.rows);

    const added = rangeAdded(rangeId, 'par1', '192.0.2.16/29');
    await expectApplied(added, rangeId, /joins the pool of par1/);
    await expectApplied(republished(added), rangeId, `range ${rangeId} (192.0.2.16/29) is already in the pool of par1: nothing changed`);
    const ranges = await app.db.query(`SELECT id FROM ip_ranges WHERE location_code = 'par1'`);
    expect(ranges.rows).toEqual([{ id: rangeId }]);
  });

  it('refuses host events it cannot apply, each with its reason, and changes nothing', async () => {
    const hostId = randomUUID();
    const nobody = randomUUID();
    const rangeId = randomUUID();
    await expectApplied(registered(hostId, 'ber1'), hostId, /registered in ber1/);
    await expectApplied(rangeAdded(rangeId, 'ber1', '192.0.2.32/29'), rangeId, /joins the pool of ber1/);

    await expectRejected(
      registered(hostId, 'ber1', { ...size, vcpu: 16 }),
      hostId,
      'host_exists',
      `host ${hostId} is already registered in ber1 with ${sizeText}, not in ber1 with 16 vCPU, 16384 MB memory, 200 GB disk`,
    );
    await expectRejected(registered(hostId, 'ams1'), hostId, 'host_exists', /not in ams1/);
    await expectRejected(capacityChanged(nobody, size), nobody, 'unknown_host', `no host ${nobody}`);
    await expectRejected(maintenance(nobody), nobody, 'unknown_host', `no host ${nobody}`);
    await expectRejected(retired(nobody), nobody, 'unknown_host', `no host ${nobody}`);

    // An unpaid order holds 2 × 2 vCPU on the host: it may not shrink below that.
    const order = orderPlaced({ locationCode: 'ber1', resources: machine, quantity: 2 });
    await sendOrderEvents(app, [placedMessage(order)]);
    await awaitEvents(events, capacityReservedV1, order.orderId);
    await expectRejected(
      capacityChanged(hostId, { ...size, vcpu: 3 }),
      hostId,
      'capacity_below_use',
      `host ${hostId} holds or runs 4 vCPU, 8192 MB memory, 80 GB disk, more than 3 vCPU, 16384 MB memory, 200 GB disk`,
    );
    await expectRejected(retired(hostId), hostId, 'host_not_empty', `host ${hostId} runs 0 machines and holds capacity for 1 order not yet provisioned`);
    expect(await hostRow(hostId)).toEqual([{ location_code: 'ber1', vcpu: 8, memory_mb: 16_384, disk_gb: 200, status: 'active' }]);

    await expectApplied(capacityChanged(hostId, { ...size, vcpu: 4 }), hostId, `host ${hostId}: ${sizeText} → 4 vCPU, 16384 MB memory, 200 GB disk`);
    expect(await hostRow(hostId)).toEqual([{ location_code: 'ber1', vcpu: 4, memory_mb: 16_384, disk_gb: 200, status: 'active' }]);
    // Full now: the next order finds no room.
    const next = orderPlaced({ locationCode: 'ber1', resources: machine });
    await sendOrderEvents(app, [placedMessage(next)]);
    await awaitEvents(events, capacityUnavailableV1, next.orderId);
  });

  it('refuses range events it cannot apply, each with its reason, and changes nothing', async () => {
    const hostId = randomUUID();
    const rangeId = randomUUID();
    await expectRejected(
      rangeAdded(rangeId, 'mad1', '192.0.2.48/30'),
      rangeId,
      'unknown_location',
      'no host in service in mad1: register one before its addresses',
    );
    await expectApplied(registered(hostId, 'mad1'), hostId, /registered in mad1/);
    await expectApplied(rangeAdded(rangeId, 'mad1', '192.0.2.48/30'), rangeId, /192.0.2.48\/30 joins the pool of mad1 \(2 usable/);

    await expectRejected(rangeAdded(rangeId, 'mad1', '192.0.2.52/30'), rangeId, 'range_exists', `range ${rangeId} is already 192.0.2.48/30 in mad1`);
    const other = randomUUID();
    await expectRejected(rangeAdded(other, 'mad1', '192.0.2.48/30'), other, 'range_exists', `192.0.2.48/30 is already in the pool of mad1 as range ${rangeId}`);
    // Overlaps are refused across locations: an address belongs to one pool (here the seeded ams1 range).
    await expectRejected(
      rangeAdded(other, 'mad1', '203.0.113.32/27'),
      other,
      'range_overlaps',
      '203.0.113.32/27 overlaps 203.0.113.0/26 (range a1000000-0000-4000-8000-0000000000e1 in ams1)',
    );
    await expectRejected(
      rangeAdded(other, 'mad1', '192.0.2.57/30'),
      other,
      'invalid_event',
      '192.0.2.57/30 is not a range: host bits are set; the block is 192.0.2.56/30',
    );
    const nothing = randomUUID();
    await expectRejected(rangeRemoved(nothing), nothing, 'unknown_range', `no range ${nothing}`);

    // Two machines of an unpaid order will need both addresses of the only range during its rental.
    const order = orderPlaced({ locationCode: 'mad1', resources: machine, quantity: 2 });
    await sendOrderEvents(app, [placedMessage(order)]);
    await awaitEvents(events, capacityReservedV1, order.orderId);
    await expectRejected(
      rangeRemoved(rangeId),
      rangeId,
      'addresses_in_use',
      'rentals in mad1 need up to 2 addresses at once; without 192.0.2.48/30 the pool would have 0',
    );
    const ranges = await app.db.query(`SELECT id, cidr, removed_at FROM ip_ranges WHERE location_code = 'mad1'`);
    expect(ranges.rows).toEqual([{ id: rangeId, cidr: '192.0.2.48/30', removed_at: null }]);
  });

  it('retires a host only once it is empty, and removes a range only once no machine has its addresses', async () => {
    const hostId = randomUUID();
    const rangeId = randomUUID();
    await expectApplied(registered(hostId, 'waw1'), hostId, /registered in waw1/);
    await expectApplied(rangeAdded(rangeId, 'waw1', '192.0.2.64/29'), rangeId, /joins the pool of waw1/);
    const order = orderPlaced({ locationCode: 'waw1', resources: machine });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);
    await awaitEvents(events, machineRunningV2, order.orderId);

    await expectRejected(retired(hostId), hostId, 'host_not_empty', `host ${hostId} runs 1 machine and holds capacity for 0 orders not yet provisioned`);
    await expectRejected(rangeRemoved(rangeId), rangeId, 'addresses_in_use', '1 machine has an address in 192.0.2.64/29');
    expect(await hostRow(hostId)).toEqual([expect.objectContaining({ status: 'active' })]);

    await sendOrderEvents(app, [endedMessage(order.orderId)]);
    await awaitEvents(events, machineDeprovisionedV1, order.orderId);

    const retirement = retired(hostId);
    await expectApplied(retirement, hostId, `host ${hostId} retired`);
    expect(await hostRow(hostId)).toEqual([expect.objectContaining({ status: 'retired' })]);
    await expectApplied(republished(retirement), hostId, `host ${hostId} is already retired: nothing changed`);
    await expectRejected(capacityChanged(hostId, size), hostId, 'host_retired', `host ${hostId} is retired`);
    await expectRejected(maintenance(hostId), hostId, 'host_retired', `host ${hostId} is retired`);
    await expectRejected(registered(hostId, 'waw1'), hostId, 'host_retired', `host ${hostId} is retired and cannot be registered again`);

    const removal = rangeRemoved(rangeId);
    await expectApplied(removal, rangeId, `range ${rangeId}: 192.0.2.64/29 left the pool of waw1`);
    await expectApplied(republished(removal), rangeId, `range ${rangeId} (192.0.2.64/29) is already removed: nothing changed`);
    await expectRejected(rangeAdded(rangeId, 'waw1', '192.0.2.64/29'), rangeId, 'range_exists', /was removed at .*needs a new id/);

    // A new host in the location gets no addresses from the removed range; a new range with a new id may take its block.
    const newHost = randomUUID();
    await expectApplied(registered(newHost, 'waw1'), newHost, /registered in waw1/);
    const next = orderPlaced({ locationCode: 'waw1', resources: machine });
    await sendOrderEvents(app, [placedMessage(next)]);
    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, next.orderId);
    expect(unavailable.payload.detail).toBe('only 0 IP addresses are free in waw1 for 1 machines');
    const again = randomUUID();
    await expectApplied(rangeAdded(again, 'waw1', '192.0.2.64/29'), again, /192.0.2.64\/29 joins the pool of waw1/);
  });

  it('answers an event that breaks its contract with invalid_event and dead-letters it with the reason', async () => {
    const hostId = randomUUID();
    const negative = envelopeMessage(
      hostRegisteredV1,
      hostId,
      { hostId, locationCode: 'ams1', capacity: { vcpu: -1, memoryMb: 1, diskGb: 1 }, registeredAt: now() },
      { source: 'inventory' },
    );
    const unreadable = envelopeMessage(ipRangeRemovedV1, 'range-7', { rangeId: 'range-7' }, { source: 'inventory' });
    await sendInventoryEvents(app, [negative, unreadable]);

    const first = await awaitAnswer(events, negative);
    expect(first.type).toBe('inventory-change.rejected');
    expect(first.key).toBe(hostId);
    expect(first.payload).toEqual({
      sourceEventId: idOf(negative),
      sourceType: 'host.registered',
      subjectId: hostId,
      reason: 'invalid_event',
      detail: expect.stringContaining('capacity.vcpu'),
      rejectedAt: expect.any(String),
    });
    // No readable id: the answer names no subject and keeps the sender's key.
    const second = await awaitAnswer(events, unreadable);
    expect(second.key).toBe('range-7');
    expect(second.payload).toEqual({
      sourceEventId: idOf(unreadable),
      sourceType: 'ip-range.removed',
      reason: 'invalid_event',
      detail: expect.stringMatching(/rangeId.*removedAt|removedAt.*rangeId/s),
      rejectedAt: expect.any(String),
    });

    const letters = await readAll(deadLetterTopic('provisioning', app.topicPrefix), 2, 60_000);
    expect(letters.map((letter) => letter.headers![DeadLetterHeader.reason]!.toString())).toEqual(['schema-violation', 'schema-violation']);
    const lettered = letters.map((letter) => letter.headers![EnvelopeHeader.id]!.toString());
    expect(lettered.sort()).toEqual([idOf(negative), idOf(unreadable)].sort());
    expect(await hostRow(hostId)).toEqual([]);
  });

  it('takes the seed, published as inventory events, for what it already has', async () => {
    const before = await app.db.query(`SELECT * FROM hosts WHERE location_code IN ('ams1', 'fra1') ORDER BY id`);
    const messages = INVENTORY_SEED_EVENTS.map((seed) => envelopeMessage(seed.definition, seed.key, seed.payload, { id: seed.eventId, source: 'inventory' }));
    expect(messages).toHaveLength(7);
    await sendInventoryEvents(app, messages);
    for (const message of messages) {
      const answer = await awaitAnswer(events, message);
      expect(answer.type).toBe('inventory-change.applied');
      expect(answer.payload.detail).toMatch(/: nothing changed$/);
    }
    expect((await app.db.query(`SELECT * FROM hosts WHERE location_code IN ('ams1', 'fra1') ORDER BY id`)).rows).toEqual(before.rows);
    const ranges = await app.db.query(`SELECT id FROM ip_ranges WHERE removed_at IS NULL AND location_code IN ('ams1', 'fra1') ORDER BY id`);
    expect(ranges.rows).toEqual([{ id: 'a1000000-0000-4000-8000-0000000000e1' }, { id: 'f1000000-0000-4000-8000-0000000000e1' }]);

    // Published again at the next start with the same ids: the inbox has them, nobody is answered twice.
    const marker = republished(messages[0]);
    await sendInventoryEvents(app, [messages[0], marker]);
    await handled(app, marker);
    expect(answersTo(events, messages[0])).toHaveLength(1);
  });
});
