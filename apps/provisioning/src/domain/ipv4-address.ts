import { err, ok, type Result } from '@rental/result';

export interface InvalidIpv4Address {
  readonly reason: 'invalid_ipv4_address';
  readonly input: string;
  readonly detail: string;
}

// Leading zeros are refused: some parsers read "010" as octal 8, so such an address is ambiguous.
const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Dotted-quad IPv4 to its 32-bit value (an unsigned number, 0 to 2^32 - 1). */
export function parseIpv4(input: string): Result<number, InvalidIpv4Address> {
  const parts = input.split('.');
  const refuse = (detail: string) => err({ reason: 'invalid_ipv4_address' as const, input, detail });
  if (parts.length !== 4) return refuse('expected four dot-separated numbers');
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return refuse(`"${part}" is not a number from 0 to 255 without leading zeros`);
    const octet = Number(part);
    if (octet > 255) return refuse(`${octet} is larger than 255`);
    value = value * 256 + octet;
  }
  return ok(value);
}

export function formatIpv4(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`ipv4: ${value} is not a 32-bit address`);
  }
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

export function isIpv4Address(input: string): boolean {
  return parseIpv4(input).ok;
}
