/**
 * When a paid rental's machines start being built: a lead time before the period starts, so that
 * they run when it begins and not before (a rental paid today for next year is not free until
 * then); at once when the payment comes later than that.
 */
export function provisioningStartsAt(periodStart: Date, leadMinutes: number, paidAt: Date): Date {
  return new Date(Math.max(plannedProvisioningStart(periodStart, leadMinutes).getTime(), paidAt.getTime()));
}

/** The planned moment, before anything is paid: what capacity is held from. */
export function plannedProvisioningStart(periodStart: Date, leadMinutes: number): Date {
  return new Date(periodStart.getTime() - leadMinutes * 60_000);
}
