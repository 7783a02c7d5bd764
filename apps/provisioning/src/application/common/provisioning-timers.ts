/** The kind of the durable timer armed with each hold, due when the hold lapses unpaid. */
export const HOLD_EXPIRY_TIMER = 'provisioning.hold-expiry';

export interface HoldExpiryPayload extends Record<string, unknown> {
  orderId: string;
}

/** The kind of the durable timer armed when an order is paid ahead of its time, due when its provisioning starts. */
export const PROVISIONING_START_TIMER = 'provisioning.start';

export interface ProvisioningStartPayload extends Record<string, unknown> {
  orderId: string;
}
