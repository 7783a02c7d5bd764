import { err, ok, type Result } from '@rental/result';

/** The key types we accept: what `ssh-keygen` makes by default today, and RSA for older clients. */
export const SSH_KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'] as const;

export type SshKeyType = (typeof SSH_KEY_TYPES)[number];

export interface SshPublicKey {
  readonly type: SshKeyType;
  /** The base64 key blob, as in the authorized_keys line. */
  readonly blob: string;
  readonly comment?: string;
  /** `type blob comment`, single-spaced: what goes into authorized_keys. */
  readonly line: string;
}

export interface InvalidSshPublicKey {
  readonly reason: 'invalid_ssh_public_key';
  readonly detail: string;
}

/** Below this OpenSSH and NIST consider RSA too weak. */
export const MIN_RSA_BITS = 2048;
const MAX_LINE_LENGTH = 8192;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ECDSA_POINT_BYTES: Readonly<Record<string, number>> = { nistp256: 65, nistp384: 97, nistp521: 133 };

/**
 * Checks an OpenSSH public key line (`ssh-ed25519 AAAA... comment`): a known type, a base64 blob
 * whose contents match that type, and an optional comment. The blob is decoded because a pasted
 * key that is truncated or of another type would otherwise only fail when the customer logs in.
 */
export function parseSshPublicKey(input: string): Result<SshPublicKey, InvalidSshPublicKey> {
  const refuse = (detail: string) => err({ reason: 'invalid_ssh_public_key' as const, detail });
  const text = input.trim();
  if (text.length === 0) return refuse('the key is empty');
  if (text.length > MAX_LINE_LENGTH) return refuse(`the key is longer than ${MAX_LINE_LENGTH} characters`);
  if (/[\r\n]/.test(text)) return refuse('expected one key on one line');
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return refuse('the key contains control characters');
  const [type, blob, ...commentWords] = text.split(/[ \t]+/);
  if (!isSshKeyType(type)) return refuse(`unsupported key type "${type}"; expected one of ${SSH_KEY_TYPES.join(', ')}`);
  if (blob === undefined) return refuse('the key data is missing after the type');
  if (blob.length % 4 !== 0 || !BASE64.test(blob)) return refuse('the key data is not valid base64');
  const blobProblem = checkBlob(type, decodeBase64(blob));
  if (blobProblem !== undefined) return refuse(blobProblem);
  const comment = commentWords.join(' ');
  return ok({
    type,
    blob,
    ...(comment.length > 0 ? { comment } : {}),
    line: [type, blob, ...(comment.length > 0 ? [comment] : [])].join(' '),
  });
}

export function isSshKeyType(value: unknown): value is SshKeyType {
  return typeof value === 'string' && (SSH_KEY_TYPES as readonly string[]).includes(value);
}

/** The blob is a list of length-prefixed fields (RFC 4253 section 6.6), the first being the type. */
function checkBlob(type: SshKeyType, bytes: Uint8Array): string | undefined {
  const fields = splitFields(bytes);
  if (fields === undefined) return 'the key data is truncated or malformed';
  const [name, ...rest] = fields;
  const embedded = name === undefined ? '' : latin1(name);
  if (embedded !== type) return `the key data is for "${embedded}", not "${type}"`;
  if (type === 'ssh-ed25519') {
    return rest.length === 1 && rest[0].length === 32 ? undefined : 'an ssh-ed25519 key must hold one 32-byte key';
  }
  if (type === 'ssh-rsa') {
    if (rest.length !== 2) return 'an ssh-rsa key must hold an exponent and a modulus';
    const bits = bitLength(rest[1]);
    return bits >= MIN_RSA_BITS ? undefined : `the RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`;
  }
  const curve = type.slice('ecdsa-sha2-'.length);
  if (rest.length !== 2 || latin1(rest[0]) !== curve) return `an ${type} key must name the curve ${curve} and hold a point`;
  return rest[1].length === ECDSA_POINT_BYTES[curve] && rest[1][0] === 0x04 ? undefined : `the ${curve} point is malformed`;
}

function splitFields(bytes: Uint8Array): Uint8Array[] | undefined {
  const fields: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) return undefined;
    const length = ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
    offset += 4;
    if (length > bytes.length - offset) return undefined;
    fields.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return fields;
}

/** Bits of an SSH mpint (big-endian, a leading zero byte keeps it positive). */
function bitLength(mpint: Uint8Array): number {
  let index = 0;
  while (index < mpint.length && mpint[index] === 0) index += 1;
  if (index === mpint.length) return 0;
  return (mpint.length - index - 1) * 8 + (32 - Math.clz32(mpint[index]));
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

// atob is a web standard built into Node (16+), so the domain needs no Buffer.
function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
