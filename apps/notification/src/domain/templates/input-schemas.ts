import { isNonNegativeCents } from '@rental/money';
import { z } from 'zod';

/**
 * The building blocks of every template's input. Input comes from other services' events, so it is
 * checked here, once, before any of it reaches a mail.
 */

/** One line of text: trimmed, not empty, no control characters (a newline in a subject would start a new mail header). */
export const singleLine = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^\P{Cc}*$/u, 'must be one line without control characters');

/** Integer cents (the currency's minor units) and an ISO 4217 code. */
export const moneyInput = z.object({
  cents: z.number().refine(isNonNegativeCents, 'must be whole, non-negative cents'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

/**
 * A moment: a valid Date, or an ISO-8601 date-time with its zone (as events carry it). A time
 * without a zone is refused: we would have to guess it, and the mail promises UTC.
 */
export const instant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]);

/** Where a customer is sent to act (to pay): https only, so a link can neither run script nor travel in clear text. */
export const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(2_000);

/**
 * An http address on the reader's own machine: the sandbox payment provider's checkout when the
 * platform runs on a developer's machine (`npm start`). Loopback traffic never crosses a network,
 * so plain http loses nothing there; any other http address is still refused.
 */
export const LOOPBACK_HTTP_URL = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/;

export const loopbackHttpUrl = z
  .url({ protocol: /^http$/ })
  .max(2_000)
  .regex(LOOPBACK_HTTP_URL);

/** A link a mail may carry: https to a named host, or http to the local sandbox. */
export const linkUrl = z.union([httpsUrl, loopbackHttpUrl], { error: 'must be an https address (or http on localhost, for the sandbox)' });
