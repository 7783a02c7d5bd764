import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, text } from '../shared/schemas';

export const capacityUnavailableV1 = defineEvent({
  type: 'capacity.unavailable',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description: 'No host in the location can take the order now; nothing is held.',
  schema: z.object({ orderId: id, locationCode: text, detail: text }),
  example: { orderId: EXAMPLE.orderId, locationCode: 'ams1', detail: 'no active host in ams1 has 4 vCPU, 8192 MB and 160 GB free for 2 machines' },
});
