import { err, type Result } from '@rental/result';
import type { VatCustomer } from '@rental/vat';
import type { Catalogue } from './catalogue';
import type { OrderState } from './order';
import { type PricedQuote, priceQuote } from './quoting';
import { billableDays } from './rental-period';

export interface ExtensionRequest {
  readonly end?: Date;
  readonly duration?: string;
}

export type ExtensionRefusalReason = 'not_running' | 'extension_pending' | 'invalid_period' | 'too_long';

export interface ExtensionRefusal {
  readonly reason: ExtensionRefusalReason;
  readonly detail: string;
}

/**
 * Prices extending a running rental from its current end: the same plan, place, image and number of
 * machines, at today's catalogue prices, as a rental of its own (so a week's extension gets the week
 * price). One extension waits for payment at a time, and the whole rental stays within the maximum.
 */
export function priceExtension(
  order: OrderState,
  request: ExtensionRequest,
  context: { catalogue: Catalogue; customer: VatCustomer; maxRentalDays: number; extensionPending: boolean },
): Result<PricedQuote, ExtensionRefusal> {
  if (order.status !== 'running') {
    return err({ reason: 'not_running', detail: `only a running rental can be extended; this one is ${order.status}` });
  }
  if (context.extensionPending) {
    return err({ reason: 'extension_pending', detail: 'an earlier extension of this rental is still waiting for payment' });
  }
  const start = order.period.end;
  const priced = priceQuote(
    {
      planCode: order.planCode,
      locationCode: order.locationCode,
      imageCode: order.imageCode,
      quantity: order.quantity,
      start,
      ...(request.end !== undefined ? { end: request.end } : { duration: request.duration }),
      customer: context.customer,
    },
    context.catalogue,
    // The extension starts at the current end, which may lie in the past of nobody: validate against it.
    { now: start, validityMinutes: 0, maxRentalDays: context.maxRentalDays },
  );
  if (!priced.ok) return err({ reason: 'invalid_period', detail: priced.error.detail });
  const total = billableDays({ start: order.period.start, end: priced.value.period.end });
  if (total > context.maxRentalDays) {
    return err({ reason: 'too_long', detail: `the rental would last ${total} days; at most ${context.maxRentalDays} are allowed` });
  }
  return priced;
}
