import type { NotifiedLoopOptions } from '@rental/persistence';

/** Where the delivery worker hears that deliveries committed: the database, and the channel their insert trigger NOTIFYs. */
export interface DeliveryNotices {
  readonly dataSource: NotifiedLoopOptions['dataSource'];
  readonly channel: string;
}

export const DELIVERY_NOTICES = Symbol('DELIVERY_NOTICES');
