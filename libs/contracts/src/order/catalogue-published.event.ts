import { z } from 'zod';
import { defineEvent } from '../define-event';
import { cents, countryCode, currency, isoTime, resources, text } from '../shared/schemas';

export const CATALOGUE_KEY = 'catalogue';

export const cataloguePublishedV1 = defineEvent({
  type: 'catalogue.published',
  version: 1,
  producer: 'order',
  key: `constant "${CATALOGUE_KEY}": the latest one is the catalogue`,
  description:
    'The whole catalogue as it stands: plans with their prices, locations and images. Published by the order service ' +
    'whenever it changes (and at start-up when it differs from the last one published); readers keep the latest.',
  schema: z.object({
    revision: text.min(1),
    currency,
    plans: z.array(
      z.object({
        code: text,
        name: text,
        resources,
        perDayCents: cents.nonnegative(),
        perWeekCents: cents.nonnegative(),
        perMonthCents: cents.nonnegative(),
        /** The largest discount an account manager may give on this plan in a rental.requested. */
        maxDiscountPercent: z.number().min(0).max(100).optional(),
      }),
    ),
    locations: z.array(z.object({ code: text, name: text, country: countryCode, images: z.array(text) })),
    images: z.array(z.object({ code: text, name: text })),
    publishedAt: isoTime,
  }),
  example: {
    revision: 'sha256:5d41402abc4b2a76',
    currency: 'EUR',
    plans: [
      {
        code: 'standard-4',
        name: 'Standard 4',
        resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 },
        perDayCents: 550,
        perWeekCents: 3_300,
        perMonthCents: 9_900,
        maxDiscountPercent: 15,
      },
    ],
    locations: [{ code: 'ams1', name: 'Amsterdam 1', country: 'NL', images: ['debian-12', 'ubuntu-24.04'] }],
    images: [
      { code: 'debian-12', name: 'Debian 12' },
      { code: 'ubuntu-24.04', name: 'Ubuntu 24.04 LTS' },
    ],
    publishedAt: '2026-11-25T08:00:00Z',
  },
});
