/** Where the delivery worker hears that deliveries committed (WorkNotices). */
export const DELIVERY_NOTICES = Symbol('DELIVERY_NOTICES');
