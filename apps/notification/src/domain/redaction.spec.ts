import { loggableSummary, maskAddressesIn, maskEmail, type OutgoingMessage } from './redaction';
import { machineReady } from './templates/machine-ready';

describe('maskEmail', () => {
  it.each([
    ['john@example.com', 'j***@example.com'],
    ['jane.doe+rental@example.co.uk', 'j***@example.co.uk'],
    ['j@example.com', 'j***@example.com'],
    ['  Anna@Example.NL ', 'A***@Example.NL'],
    ['"odd@local"@example.com', '"***@example.com'],
    ['émile@example.fr', 'é***@example.fr'],
  ])('masks %p as %p', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('jo@example.com')).toBe(maskEmail('jonathan.longname@example.com'));
  });

  it.each(['', 'not-an-address', '@example.com', 'john@', '@'])('masks %p entirely', (address) => {
    expect(maskEmail(address)).toBe('***');
  });
});

describe('loggableSummary', () => {
  const mail = machineReady.render('en', {
    orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11',
    machineId: 'b7e1d2c3-5a6f-4b8e-9d0c-1e2f3a4b5c6d',
    hostname: 'srv-7.example.com',
    ipAddress: '192.0.2.7',
    access: { method: 'password' },
  });
  if (!mail.ok) throw new Error('the fixture mail must render');
  const message: OutgoingMessage = { kind: 'machine-ready', recipient: 'jane@example.com', language: 'en', content: mail.value };

  it('keeps the kind, the masked recipient, the language and the subject', () => {
    expect(loggableSummary(message)).toEqual({
      kind: 'machine-ready',
      recipient: 'j***@example.com',
      language: 'en',
      subject: 'Your server srv-7.example.com is ready',
    });
  });

  it('never holds the body of the mail, only the allow-listed fields', () => {
    expect(mail.value.text).toContain('/root-password');
    const written = JSON.stringify(loggableSummary(message));
    expect(written).not.toContain('root-password');
    expect(written).not.toContain('ssh root@');
    expect(written).not.toContain('jane@');
  });
});

describe('maskAddressesIn', () => {
  it('masks every address a mail server quotes in its error', () => {
    expect(maskAddressesIn('550 5.1.1 <jane.doe@example.com>: Recipient address rejected; also bob@example.org')).toBe(
      '550 5.1.1 <j***@example.com>: Recipient address rejected; also b***@example.org',
    );
  });

  it('leaves text without addresses alone', () => {
    expect(maskAddressesIn('connect ECONNREFUSED 127.0.0.1:1025')).toBe('connect ECONNREFUSED 127.0.0.1:1025');
  });
});
