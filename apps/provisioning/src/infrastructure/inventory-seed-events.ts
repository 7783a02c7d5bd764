import { hostRegisteredV1, ipRangeAddedV1, type PayloadOf } from '@rental/contracts';
import { SEEDED_HOST_CAPACITY, SEEDED_HOSTS, SEEDED_IP_RANGES } from './migrations/1795700000001-inventory-seed';

/** One inventory event to publish on the inventory's topic, keyed by its host or range id. */
export type InventorySeedEvent =
  | {
      readonly definition: typeof hostRegisteredV1;
      /** Fixed, so that publishing the seed at every start is handled once (the inbox knows the id). */
      readonly eventId: string;
      readonly key: string;
      readonly payload: PayloadOf<typeof hostRegisteredV1>;
    }
  | {
      readonly definition: typeof ipRangeAddedV1;
      readonly eventId: string;
      readonly key: string;
      readonly payload: PayloadOf<typeof ipRangeAddedV1>;
    };

/** When the seeded inventory came into service, as far as its events tell. */
const SEEDED_AT = '2026-01-01T00:00:00Z';

/**
 * The starting inventory (the migration's seed, same ids) as the datacentre inventory's first
 * events: host.registered for every seeded host, then ip-range.added for every seeded range.
 * Provisioning answers each with inventory-change.applied: on a database that has the seed (every
 * one, since the migration runs first) it is the same host or range again and nothing changes.
 */
export const INVENTORY_SEED_EVENTS: readonly InventorySeedEvent[] = [
  ...Object.entries(SEEDED_HOSTS).flatMap(([locationCode, hostIds]) =>
    hostIds.map((hostId): InventorySeedEvent => ({
      definition: hostRegisteredV1,
      eventId: seedEventId(hostId),
      key: hostId,
      payload: { hostId, locationCode, capacity: { ...SEEDED_HOST_CAPACITY }, registeredAt: SEEDED_AT },
    })),
  ),
  ...Object.entries(SEEDED_IP_RANGES).map(([locationCode, range]): InventorySeedEvent => ({
    definition: ipRangeAddedV1,
    eventId: seedEventId(range.id),
    key: range.id,
    payload: { rangeId: range.id, locationCode, cidr: range.cidr, addedAt: SEEDED_AT },
  })),
];

/** The subject's own id with its first group shifted behind "5eed": one fixed event id per seeded host or range. */
function seedEventId(subjectId: string): string {
  return `5eed${subjectId.slice(0, 4)}${subjectId.slice(8)}`;
}
