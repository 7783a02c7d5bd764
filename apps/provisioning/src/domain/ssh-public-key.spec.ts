import { MIN_RSA_BITS, parseSshPublicKey, type SshPublicKey } from './ssh-public-key';

// Real keys made with ssh-keygen for this test; the private halves were thrown away.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH alice@example.com';
const RSA_2048 =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDkq+jPFjdgDTI+oD+lKqjRV/XLSiF/aafz1sXOURkzk7vHXUtnHmj5Aq30z58KTKsWVCtw8eXc+Xo023sv4SMRZu8Xd+uHsbLvVISp5jELyALONNxc+WOu+ghlrSswgef0VPP/LSu0B6V8omeWhRSfQHGSgetymhQjD3YeEtwARsY21VFZuNmmzAYOvcqL09cJCa5uYLQYhtGE7IXCaiZkDZAGhEhdg7R/H2nUfY7O80UMLn1sMFuxg6NUzpoX5ymQVI+0mQWYX/6+pqMB4MAs0Wjf+fUroC9MJZrjN/nmejLcey19A6I473fxhZmCuB2glnde1ku/1Riqf5evGtlf ops key';
const ECDSA_256 =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKt9K1ydWJHLwq1ODDokIm5V5VEqo35YKFq6VtmxNCs02+pWUi5FWv7MvR8UzfU3AEvIfBzXFpbvuUAvzNOJxFo= ec';

/** Builds a key blob field by field, to make keys that are wrong in exactly one way. */
function blob(...fields: (string | Buffer)[]): string {
  return Buffer.concat(
    fields.map((field) => {
      const bytes = typeof field === 'string' ? Buffer.from(field, 'latin1') : field;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return Buffer.concat([length, bytes]);
    }),
  ).toString('base64');
}

const rsaModulus = (bits: number) => Buffer.concat([Buffer.from([0x00, 0x80]), Buffer.alloc(bits / 8 - 1, 0x01)]);

function parsed(input: string): SshPublicKey {
  const result = parseSshPublicKey(input);
  if (!result.ok) throw new Error(`expected a key, got ${result.error.detail}`);
  return result.value;
}

function refusal(input: string): string {
  const result = parseSshPublicKey(input);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  expect(result.error.reason).toBe('invalid_ssh_public_key');
  return result.error.detail;
}

describe('parseSshPublicKey: accepted', () => {
  it('an ed25519 key with a comment', () => {
    expect(parsed(ED25519)).toEqual({
      type: 'ssh-ed25519',
      blob: 'AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH',
      comment: 'alice@example.com',
      line: ED25519,
    });
  });

  it('a 2048-bit RSA key and a P-256 ECDSA key', () => {
    expect(parsed(RSA_2048)).toMatchObject({ type: 'ssh-rsa', comment: 'ops key', line: RSA_2048 });
    expect(parsed(ECDSA_256)).toMatchObject({ type: 'ecdsa-sha2-nistp256', comment: 'ec' });
  });

  it('a key without a comment, which then has none', () => {
    const key = parsed(ED25519.replace(' alice@example.com', ''));
    expect(key).not.toHaveProperty('comment');
    expect(key.line).toBe(ED25519.replace(' alice@example.com', ''));
  });

  it('surrounding blanks and tabs, normalised to single spaces in the line', () => {
    const key = parsed(`  ssh-ed25519\tAAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH   my   laptop \n`);
    expect(key.comment).toBe('my laptop');
    expect(key.line).toBe('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH my laptop');
  });

  it(`an RSA key of exactly ${MIN_RSA_BITS} bits, built field by field`, () => {
    expect(parsed(`ssh-rsa ${blob('ssh-rsa', Buffer.from([1, 0, 1]), rsaModulus(2048))}`).type).toBe('ssh-rsa');
  });
});

describe('parseSshPublicKey: refused', () => {
  it.each([
    ['an empty string', '', 'the key is empty'],
    ['blanks only', '   ', 'the key is empty'],
    [
      'a DSA key',
      'ssh-dss AAAAB3NzaC1kc3MAAACBAP',
      'unsupported key type "ssh-dss"; expected one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521',
    ],
    [
      'a private key pasted by mistake',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'unsupported key type "-----BEGIN"; expected one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521',
    ],
    ['a type alone', 'ssh-ed25519', 'the key data is missing after the type'],
    ['data that is not base64', 'ssh-ed25519 AAAA$$$$', 'the key data is not valid base64'],
    ['data cut short of its padding', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rS', 'the key data is not valid base64'],
    ['two keys on two lines', `${ED25519}\n${ED25519}`, 'expected one key on one line'],
    ['a control character', `${ED25519}\u0007`, 'the key contains control characters'],
    ['a huge line', `ssh-ed25519 ${'A'.repeat(9000)}`, 'the key is longer than 8192 characters'],
  ])('%s', (_, input, detail) => {
    expect(refusal(input)).toBe(detail);
  });

  it('a key whose data is of another type', () => {
    const rsaData = RSA_2048.split(' ')[1];
    expect(refusal(`ssh-ed25519 ${rsaData}`)).toBe('the key data is for "ssh-rsa", not "ssh-ed25519"');
  });

  it('a truncated key (a length that runs past the end)', () => {
    const truncated = Buffer.from(blob('ssh-ed25519', Buffer.alloc(32, 7)), 'base64')
      .subarray(0, 40)
      .toString('base64');
    expect(refusal(`ssh-ed25519 ${truncated}`)).toBe('the key data is truncated or malformed');
  });

  it('an ed25519 key of the wrong length or with extra fields', () => {
    expect(refusal(`ssh-ed25519 ${blob('ssh-ed25519', Buffer.alloc(31, 7))}`)).toBe('an ssh-ed25519 key must hold one 32-byte key');
    expect(refusal(`ssh-ed25519 ${blob('ssh-ed25519', Buffer.alloc(32, 7), 'x')}`)).toBe('an ssh-ed25519 key must hold one 32-byte key');
  });

  it(`an RSA key below ${MIN_RSA_BITS} bits`, () => {
    expect(refusal(`ssh-rsa ${blob('ssh-rsa', Buffer.from([1, 0, 1]), rsaModulus(1024))}`)).toBe('the RSA key has 1024 bits; at least 2048 are required');
    expect(refusal(`ssh-rsa ${blob('ssh-rsa', Buffer.from([1, 0, 1]))}`)).toBe('an ssh-rsa key must hold an exponent and a modulus');
  });

  it('an ECDSA key naming another curve or holding a bad point', () => {
    const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 9)]);
    expect(refusal(`ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256', 'nistp384', point)}`)).toBe(
      'an ecdsa-sha2-nistp256 key must name the curve nistp256 and hold a point',
    );
    expect(refusal(`ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256', 'nistp256', point.subarray(1))}`)).toBe('the nistp256 point is malformed');
    expect(parsed(`ecdsa-sha2-nistp256 ${blob('ecdsa-sha2-nistp256', 'nistp256', point)}`).type).toBe('ecdsa-sha2-nistp256');
  });
});
