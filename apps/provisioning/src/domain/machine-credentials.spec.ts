import { credentialsToStore } from './machine-credentials';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH alice@example.com';

describe('credentialsToStore', () => {
  it('keeps an SSH key as one normalised line', () => {
    expect(credentialsToStore({ kind: 'ssh_key', publicKey: `  ${KEY.replace(' alice', '\talice')}\n` })).toEqual({
      ok: true,
      value: { kind: 'ssh_key', publicKey: KEY },
    });
  });

  it('refuses a malformed key with the reason', () => {
    expect(credentialsToStore({ kind: 'ssh_key', publicKey: 'ssh-ed25519 no$e' })).toEqual({
      ok: false,
      error: { reason: 'invalid_ssh_public_key', detail: 'the key data is not valid base64' },
    });
  });

  it('records a password as not yet issued, and holds no password', () => {
    expect(credentialsToStore({ kind: 'root_password' })).toEqual({
      ok: true,
      value: { kind: 'root_password', issuedAt: null },
    });
  });
});
