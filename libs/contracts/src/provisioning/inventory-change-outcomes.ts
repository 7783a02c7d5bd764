import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

const inventoryEventType = z.enum([
  'host.registered',
  'host.capacity.changed',
  'host.maintenance.scheduled',
  'host.retired',
  'ip-range.added',
  'ip-range.removed',
]);

export const inventoryChangeAppliedV1 = defineEvent({
  type: 'inventory-change.applied',
  version: 1,
  producer: 'provisioning',
  key: 'the host or range id of the inventory event it answers',
  description: 'Provisioning applied an inventory event: the capacity it places machines on now follows it.',
  schema: z.object({ sourceEventId: id, sourceType: inventoryEventType, subjectId: id, detail: text, appliedAt: isoTime }),
  example: {
    sourceEventId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
    sourceType: 'host.registered',
    subjectId: EXAMPLE.hostId,
    detail: 'host c2d3e4f5 in ams1: 64 vCPU, 262144 MB, 4000 GB',
    appliedAt: '2026-11-25T07:00:01Z',
  },
});

export const inventoryChangeRejectedV1 = defineEvent({
  type: 'inventory-change.rejected',
  version: 1,
  producer: 'provisioning',
  key: 'the host or range id of the inventory event it answers',
  description:
    'Provisioning refused an inventory event and changed nothing: invalid_event (it failed its contract; also in the ' +
    'dead-letter topic), unknown_host, unknown_location, unknown_range, host_exists, range_exists, range_overlaps, ' +
    'capacity_below_use, host_not_empty, addresses_in_use, host_retired.',
  schema: z.object({
    sourceEventId: id,
    sourceType: inventoryEventType,
    subjectId: id.optional(),
    reason: z.enum([
      'invalid_event',
      'unknown_host',
      'unknown_location',
      'unknown_range',
      'host_exists',
      'range_exists',
      'range_overlaps',
      'capacity_below_use',
      'host_not_empty',
      'addresses_in_use',
      'host_retired',
    ]),
    detail: text,
    rejectedAt: isoTime,
  }),
  example: {
    sourceEventId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
    sourceType: 'host.retired',
    subjectId: EXAMPLE.hostId,
    reason: 'host_not_empty',
    detail: 'host c2d3e4f5 runs 3 machines and holds capacity for 1 order',
    rejectedAt: '2026-12-01T07:00:01Z',
  },
});
