export const HOSTNAME_DOMAIN = 'rental.example';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_PREFIX_LENGTH = 20;

/**
 * A machine's name: `<image prefix>-<first 8 of its id>.<location>.rental.example`, for example
 * `debian-3f2a9c1e.ams-1.rental.example`. It is derived, never chosen, so it cannot clash while
 * machine ids are unique in their first 8 characters (UUIDs: 4 billion to one per pair).
 */
export function machineHostname(input: { machineId: string; imageCode: string; locationCode: string }): string {
  const idPart = input.machineId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  if (idPart.length < 8) throw new RangeError(`hostname: machine id ${input.machineId} has fewer than 8 letters or digits`);
  const location = input.locationCode.toLowerCase();
  if (!LABEL.test(location)) throw new RangeError(`hostname: location code ${input.locationCode} is not a DNS label`);
  return `${imagePrefix(input.imageCode)}-${idPart}.${location}.${HOSTNAME_DOMAIN}`;
}

/** The distribution's name: the leading letters of the image code (`ubuntu-24.04` gives `ubuntu`), else `vm`. */
export function imagePrefix(imageCode: string): string {
  const letters = /^[a-z]+/.exec(imageCode.toLowerCase())?.[0] ?? '';
  return letters.length === 0 ? 'vm' : letters.slice(0, MAX_PREFIX_LENGTH);
}
