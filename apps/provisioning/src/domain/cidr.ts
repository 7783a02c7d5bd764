import { err, ok, type Result } from '@rental/result';
import { formatIpv4, parseIpv4 } from './ipv4-address';

/** An IPv4 block such as 203.0.113.0/28: its first address and the number of fixed leading bits. */
export interface Cidr {
  readonly network: number;
  readonly prefixLength: number;
}

export interface InvalidCidr {
  readonly reason: 'invalid_cidr';
  readonly input: string;
  readonly detail: string;
}

const PREFIX = /^(0|[1-9][0-9]?)$/;

export function parseCidr(input: string): Result<Cidr, InvalidCidr> {
  const refuse = (detail: string) => err({ reason: 'invalid_cidr' as const, input, detail });
  const parts = input.split('/');
  if (parts.length !== 2) return refuse('expected an address and a prefix length, e.g. 203.0.113.0/28');
  const [addressText, prefixText] = parts;
  const address = parseIpv4(addressText);
  if (!address.ok) return refuse(address.error.detail);
  if (!PREFIX.test(prefixText) || Number(prefixText) > 32) {
    return refuse(`prefix length "${prefixText}" is not a number from 0 to 32`);
  }
  const prefixLength = Number(prefixText);
  const network = (address.value & maskOf(prefixLength)) >>> 0;
  // A stray host part usually means a typo; accepting it would silently move the range.
  if (network !== address.value) return refuse(`host bits are set; the block is ${formatIpv4(network)}/${prefixLength}`);
  return ok({ network, prefixLength });
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

/** Every address in the block, the network and broadcast addresses included. */
export function blockSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

export function lastAddress(cidr: Cidr): number {
  return cidr.network + blockSize(cidr) - 1;
}

/**
 * The addresses a machine may have: all but the network and broadcast addresses. A /31 has neither
 * (a point-to-point link, RFC 3021) and a /32 is one address, so both are usable whole.
 */
export function usableRange(cidr: Cidr): { readonly first: number; readonly last: number } {
  if (cidr.prefixLength >= 31) return { first: cidr.network, last: lastAddress(cidr) };
  return { first: cidr.network + 1, last: lastAddress(cidr) - 1 };
}

export function usableCount(cidr: Cidr): number {
  const { first, last } = usableRange(cidr);
  return last - first + 1;
}

export function isUsableAddress(cidr: Cidr, address: number): boolean {
  const { first, last } = usableRange(cidr);
  return address >= first && address <= last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}
