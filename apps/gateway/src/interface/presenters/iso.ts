/** Timestamps leave as ISO-8601 UTC strings. */
export const iso = (date: Date): string => date.toISOString();

export const isoOrUndefined = (date: Date | null): string | undefined => (date ? date.toISOString() : undefined);
