import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

const rangeKey = 'range id';

export const ipRangeAddedV1 = defineEvent({
  type: 'ip-range.added',
  version: 1,
  producer: 'inventory',
  key: rangeKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description:
    'An IPv4 range (CIDR) joins a location’s address pool; machines get addresses from it from now on. Refused when it ' +
    'overlaps a range already in the pool.',
  schema: z.object({ rangeId: id, locationCode: text.min(1), cidr: z.cidrv4(), addedAt: isoTime }),
  example: { rangeId: EXAMPLE.rangeId, locationCode: 'ams1', cidr: '192.0.2.0/26', addedAt: '2026-11-25T07:00:00Z' },
});

export const ipRangeRemovedV1 = defineEvent({
  type: 'ip-range.removed',
  version: 1,
  producer: 'inventory',
  key: rangeKey,
  answeredBy: ['inventory-change.applied', 'inventory-change.rejected'],
  description: 'An IPv4 range leaves its location’s pool. Refused (addresses_in_use) while a machine or a hold uses one of its addresses.',
  schema: z.object({ rangeId: id, removedAt: isoTime }),
  example: { rangeId: EXAMPLE.rangeId, removedAt: '2026-12-01T07:00:00Z' },
});
