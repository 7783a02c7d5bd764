import { z } from 'zod';

/** Building blocks shared by the platform's contracts, so that a cent or a period means one thing everywhere. */
export const id = z.uuid();

/**
 * The years a time may fall in (UTC). Four-digit years only: a later Date does not survive the trip
 * to PostgreSQL (node-pg writes it in a form the server refuses), and nothing is rented before 2000.
 */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 9999;
export const isoTime = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  // A string that is no time at all is the format check's to report.
  return Number.isNaN(year) || (year >= EARLIEST_YEAR && year <= LATEST_YEAR);
}, `a time in the years ${EARLIEST_YEAR} to ${LATEST_YEAR} (UTC)`);

/** Free text: any string PostgreSQL can store, so no NUL character (\u0000), which a text column refuses. */
export const text = z.string().regex(/^[^\u0000]*$/, 'must not contain the NUL character (\\u0000)');
const base64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .refine((value) => bytes === undefined || Buffer.from(value, 'base64').length === bytes, `must be ${bytes} bytes in base64`);

/**
 * A secret sealed to one recipient (libs/secrets): X25519 key agreement with a one-time key,
 * HKDF-SHA256, AES-256-GCM with the secret's context as additional data. Only the holder of the
 * recipient's private key opens it, and only for that context.
 */
export const sealedSecret = z.object({
  scheme: z.literal('x25519-hkdf-sha256-aes-256-gcm'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'the recipient key id: 16 hex digits'),
  ephemeralPublicKey: base64(32),
  iv: base64(12),
  ciphertext: base64().min(1).max(4_096),
  tag: base64(16),
});

/** Integer cents; money never travels as a fraction. */
export const cents = z.int();
export const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
export const language = z.enum(['en', 'nl']);
/** A number of the gapless yearly invoice series: <year>-<six digits>. */
export const invoiceNumber = z.string().regex(/^\d{4}-\d{6}$/, 'an invoice number such as 2026-000042');
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as NL');

/** Who the customer is, as far as pricing, invoicing and email need to know. */
export const customerSnapshot = z.object({
  customerId: id,
  name: text.min(1).max(200),
  email: z.email(),
  language,
  country: countryCode,
  kind: z.enum(['consumer', 'business']),
  vatNumber: text.min(4).max(20).optional(),
});

export const rentalPeriod = z.object({ start: isoTime, end: isoTime });

export const resources = z.object({
  vcpu: z.int().positive(),
  memoryMb: z.int().positive(),
  diskGb: z.int().positive(),
});

export const vatOutcome = z.object({
  ratePercent: z.number().min(0).max(100),
  treatment: z.enum(['standard', 'reverse_charge', 'outside_eu']),
  note: text.optional(),
});

export const priceLine = z.object({
  unit: z.enum(['month', 'week', 'day']),
  units: z.int().positive(),
  unitPriceCents: cents.nonnegative(),
  lineTotalCents: cents.nonnegative(),
});

/** The price of a quote or an order: what one machine costs, times the quantity, plus VAT. */
export const price = z.object({
  currency,
  pricedAs: text
    .min(1)
    .max(100)
    .optional()
    .describe(
      'What was priced: the months of a duration as months whatever their length, then its weeks and days ("1 month + 2 weeks"), or the days of a period given by its end ("31 days"). Absent in prices from before it was added.',
    ),
  lines: z.array(priceLine).min(1),
  quantity: z.int().positive(),
  discountCents: cents
    .nonnegative()
    .describe(
      'What the customer saves against paying the day price for every billable day: longer units, and a negotiated discount if any. Already taken off the subtotal; not a promotion (a quote with no negotiated discount shows it too).',
    ),
  subtotalCents: cents.nonnegative(),
  vat: vatOutcome,
  vatCents: cents.nonnegative(),
  totalCents: cents.nonnegative(),
});

/** A postal address as it goes on an invoice. */
export const billingAddress = z.object({
  line1: text.min(1).max(200),
  line2: text.max(200).optional(),
  postalCode: text.min(1).max(20),
  city: text.min(1).max(100),
  country: countryCode,
});

/** The reference a customer quotes when paying an invoice by bank transfer: RENT- and the invoice number. */
export const paymentReference = z.string().regex(/^RENT-\d{4}-\d{6}$/, 'a payment reference such as RENT-2026-000042');

/** A rental length: ISO-8601 months, weeks and days (P1M, P2W, P30D, P1M2W3D). */
export const rentalDuration = z.string().regex(/^P(\d+M)?(\d+W)?(\d+D)?$/, 'an ISO-8601 duration of months, weeks and days');

/** What is rented, and for how long: the same fields wherever a rental is asked for (a quote, a CRM request). */
export const rentalSpec = {
  planCode: text.min(1),
  locationCode: text.min(1),
  imageCode: text.min(1),
  quantity: z.int().min(1).max(100),
  start: isoTime,
  end: isoTime.optional(),
  duration: rentalDuration.optional(),
};

/** A period is an end or a duration, never both and never neither. */
export const endOrDuration = [
  (r: { end?: string; duration?: string }) => (r.end === undefined) !== (r.duration === undefined),
  'give either end or duration',
] as const;
