/** Ids and values the contract examples share, so that the examples tell one consistent story. */
export const EXAMPLE = {
  customerId: '3b0c7a52-1f4e-4a47-9c1e-7f0a8a0b1c21',
  quoteId: '9d5e2c1a-4b7f-4e3a-8c2d-1a2b3c4d5e6f',
  orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11',
  machineId: 'b7e1d2c3-5a6f-4b8e-9d0c-1e2f3a4b5c6d',
  hostId: 'c2d3e4f5-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  holdId: 'd4e5f6a7-8b9c-4d0e-8f1a-2b3c4d5e6f7a',
  paymentId: 'e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  deliveryId: 'f6a7b8c9-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
  requestId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  rangeId: 'a1000000-0000-4000-8000-0000000000e2',
  transferId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
  customer: {
    customerId: '3b0c7a52-1f4e-4a47-9c1e-7f0a8a0b1c21',
    name: 'Stroopwafel Logistics B.V.',
    email: 'it@stroopwafel-logistics.example',
    language: 'nl' as const,
    country: 'NL',
    kind: 'business' as const,
    vatNumber: 'NL123456789B01',
  },
  period: { start: '2026-12-01T09:00:00Z', end: '2026-12-31T09:00:00Z' },
  price: {
    currency: 'EUR',
    lines: [{ unit: 'month' as const, units: 1, unitPriceCents: 9_900, lineTotalCents: 9_900 }],
    quantity: 2,
    discountCents: 13_200, // 30 days at the day price of 550 would cost 16,500 per machine
    subtotalCents: 19_800,
    vat: { ratePercent: 21, treatment: 'standard' as const },
    vatCents: 4_158,
    totalCents: 23_958,
  },
};
