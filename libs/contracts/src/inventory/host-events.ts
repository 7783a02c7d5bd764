import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, resources, text } from '../shared/schemas';

const hostKey = 'host id (so that one host’s events stay in order)';

export const hostRegisteredV1 = defineEvent({
  type: 'host.registered',
  version: 1,
  producer: 'inventory',
  key: hostKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description:
    'The datacentre inventory put a host into service in a location, with its capacity. Provisioning places machines on ' +
    'it from now on. Answered by inventory-change.applied or inventory-change.rejected.',
  schema: z.object({ hostId: id, locationCode: text.min(1), capacity: resources, registeredAt: isoTime }),
  example: {
    hostId: EXAMPLE.hostId,
    locationCode: 'ams1',
    capacity: { vcpu: 64, memoryMb: 262_144, diskGb: 4_000 },
    registeredAt: '2026-11-25T07:00:00Z',
  },
});

export const hostCapacityChangedV1 = defineEvent({
  type: 'host.capacity.changed',
  version: 1,
  producer: 'inventory',
  key: hostKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description:
    'A host’s capacity changed (memory added, a disk taken out). Refused (inventory-change.rejected, capacity_below_use) ' +
    'when it would be smaller than what the host already holds or runs.',
  schema: z.object({ hostId: id, capacity: resources, changedAt: isoTime }),
  example: { hostId: EXAMPLE.hostId, capacity: { vcpu: 64, memoryMb: 524_288, diskGb: 4_000 }, changedAt: '2026-11-25T07:30:00Z' },
});

export const hostMaintenanceScheduledV1 = defineEvent({
  type: 'host.maintenance.scheduled',
  version: 1,
  producer: 'inventory',
  key: hostKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description: 'A host goes into maintenance from `from`: no new placements on it from then on; machines already on it keep running.',
  schema: z.object({ hostId: id, from: isoTime, reason: text.max(500).optional() }),
  example: { hostId: EXAMPLE.hostId, from: '2026-11-26T22:00:00Z', reason: 'firmware update' },
});

export const hostRetiredV1 = defineEvent({
  type: 'host.retired',
  version: 1,
  producer: 'inventory',
  key: hostKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description:
    'The inventory takes a host out of service for good. Only an empty host can be retired: one that holds capacity or ' +
    'runs machines is refused (inventory-change.rejected, host_not_empty) and stays as it was.',
  schema: z.object({ hostId: id, retiredAt: isoTime }),
  example: { hostId: EXAMPLE.hostId, retiredAt: '2026-12-01T07:00:00Z' },
});
