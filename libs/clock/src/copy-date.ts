/**
 * A Date of the same instant that the caller may keep: Date is mutable, so an aggregate copies the
 * dates it is given and the ones it hands out, and stays the only one who changes its state.
 */
export function copyDate(date: Date): Date {
  return new Date(date.getTime());
}
